namespace Mproc.Protocol.Messages;

/// <summary>Coordinator to worker: stop now and exit (discovery mismatch, run cancelled).</summary>
public sealed record AbortRun(string Reason) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.AbortRun;
}
