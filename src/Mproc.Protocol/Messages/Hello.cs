namespace Mproc.Protocol.Messages;

/// <summary>
/// First frame, worker to coordinator. <paramref name="ProcessId"/> and <paramref name="AppDomain"/>
/// are what NUnit records on an assembly as <c>_PID</c> and <c>_APPDOMAIN</c>: workers leave those
/// two out of their discovery (they differ from worker to worker) and the coordinator puts the
/// reference worker's back.
/// </summary>
public sealed record Hello(int ProtocolVersion, int WorkerId, int ProcessId, string Secret, string RuntimeVersion, string AppDomain = "") : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.Hello;
}
