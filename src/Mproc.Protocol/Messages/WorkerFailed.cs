namespace Mproc.Protocol.Messages;

/// <summary>Worker to coordinator: the worker cannot go on (load failure, internal error).</summary>
public sealed record WorkerFailed(string Message, string? Details) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.WorkerFailed;
}
