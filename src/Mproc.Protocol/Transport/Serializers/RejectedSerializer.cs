using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>Rejected: key 0 the reason; see <see cref="ReasonSerializer"/>.</summary>
internal static class RejectedSerializer
{
    public static void Write(ref MessagePackWriter writer, Rejected value) => ReasonSerializer.Write(ref writer, value.Reason);

    public static Rejected Read(ref MessagePackReader reader) => new(ReasonSerializer.Read(ref reader));
}
