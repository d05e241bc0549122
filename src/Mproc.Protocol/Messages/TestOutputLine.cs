namespace Mproc.Protocol.Messages;

/// <summary>
/// Worker to coordinator: text a test wrote to a live stream (NUnit's TestOutput event:
/// <c>TestContext.Progress</c>, <c>TestContext.Error</c>, <c>Console.Error</c>), as it was written,
/// possibly a partial line; the coordinator joins it into lines. <paramref name="Ordinal"/> is the
/// running test's, or -1 outside a test (e.g. a OneTimeSetUp). <paramref name="Stream"/> is NUnit's
/// stream name ("Progress", "Error").
/// </summary>
public sealed record TestOutputLine(int Ordinal, string Stream, string Text) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.TestOutputLine;
}
