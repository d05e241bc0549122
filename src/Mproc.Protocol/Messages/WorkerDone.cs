namespace Mproc.Protocol.Messages;

/// <summary>Worker to coordinator: the session ended normally.</summary>
public sealed record WorkerDone(int TestsRun, double BusySeconds) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.WorkerDone;
}
