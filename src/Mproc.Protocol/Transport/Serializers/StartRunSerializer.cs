using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>StartRun as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class StartRunSerializer
{
    public static void Write(ref MessagePackWriter writer, StartRun value)
    {
        ArgumentNullException.ThrowIfNull(value);
        EmptyBodySerializer.Write(ref writer);
    }

    public static StartRun Read(ref MessagePackReader reader)
    {
        EmptyBodySerializer.Read(ref reader);
        return new StartRun();
    }
}
