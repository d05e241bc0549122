using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>StartRun as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class StartRunSerializer
{
    public static void Write(MessagePackWriter writer, StartRun value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteMapHeader(0);
    }

    public static StartRun Read(ref MessagePackReader reader)
    {
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            reader.ReadInt32();
            reader.Skip();
        }

        return new StartRun();
    }
}
