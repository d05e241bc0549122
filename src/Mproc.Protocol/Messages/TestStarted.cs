namespace Mproc.Protocol.Messages;

/// <summary>Worker to coordinator: the test with this ordinal is starting now.</summary>
public sealed record TestStarted(int Ordinal) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.TestStarted;
}
