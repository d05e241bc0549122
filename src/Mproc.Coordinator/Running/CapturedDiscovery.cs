using System.Buffers;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Running;

/// <summary>
/// Stands for a worker's Discovered frame, kept as its encoded body and not yet decoded: the run
/// decodes only the one it takes as its reference and those whose bytes differ from it
/// (<see cref="TestRun.AcceptDiscoveryAsync"/>). Never on the wire; the coordinator's reader makes it.
/// </summary>
public sealed record CapturedDiscovery(byte[] Body) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.Discovered;

    /// <summary>For a connection's frame reader: every Discovered frame is captured, anything else decoded.</summary>
    public static IMessage? Intercept(MessageTypeId typeId, ReadOnlySequence<byte> body) =>
        typeId == MessageTypeId.Discovered ? new CapturedDiscovery(body.ToArray()) : null;
}
