namespace Mproc.Protocol.Messages;

/// <summary>
/// Worker to coordinator: NUnit went past this test, which runs here, and will report no result for
/// it: it sits under a suite NUnit skipped as a whole without a result for each child (NUnit 5
/// skips a fixture whose <c>[DependsOnFixture]</c> dependency did not pass that way). NUnit's own
/// report does not have it, so the run's does not either.
/// </summary>
public sealed record TestUnreported(int Ordinal) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.TestUnreported;
}
