using MessagePack;
using Mproc.Protocol.Codec;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>The body of a message without fields (StartRun, EventOnConnection): an empty map; fields a newer peer adds are skipped.</summary>
internal static class EmptyBodySerializer
{
    public static void Write(ref MessagePackWriter writer) => writer.WriteMapHeader(0);

    public static void Read(ref MessagePackReader reader)
    {
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            reader.ReadInt32();
            reader.SkipValue();
        }
    }
}
