namespace Mproc.Protocol.Messages;

/// <summary>Coordinator to worker: discovery matched, start the session.</summary>
public sealed record StartRun : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.StartRun;
}
