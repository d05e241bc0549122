namespace Mproc.Protocol.Messages;

/// <summary>The coordinator refuses the connection (bad secret, unsupported version).</summary>
public sealed record Rejected(string Reason) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.Rejected;
}
