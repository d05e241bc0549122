namespace Mproc.Protocol.Messages;

/// <summary>Worker to coordinator: the result of one test (a leaf).</summary>
public sealed record TestFinished(int Ordinal, TestOutcome Outcome) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.TestFinished;
}
