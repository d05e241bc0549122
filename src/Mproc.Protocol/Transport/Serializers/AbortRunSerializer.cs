using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>AbortRun: key 0 the reason; see <see cref="ReasonSerializer"/>.</summary>
internal static class AbortRunSerializer
{
    public static void Write(ref MessagePackWriter writer, AbortRun value) => ReasonSerializer.Write(ref writer, value.Reason);

    public static AbortRun Read(ref MessagePackReader reader) => new(ReasonSerializer.Read(ref reader));
}
