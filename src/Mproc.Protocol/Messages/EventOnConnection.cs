namespace Mproc.Protocol.Messages;

/// <summary>
/// Worker to coordinator, in the event log only: the next event is too large for the log and comes
/// on the connection instead; the coordinator takes nothing more from the log until it has read it.
/// </summary>
public sealed record EventOnConnection : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.EventOnConnection;
}
