namespace Mproc.Protocol.Messages;

/// <summary>First frame, worker to coordinator.</summary>
public sealed record Hello(int ProtocolVersion, int WorkerId, int ProcessId, string Secret, string RuntimeVersion) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.Hello;
}
