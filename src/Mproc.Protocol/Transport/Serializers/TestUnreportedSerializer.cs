using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>TestUnreported as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class TestUnreportedSerializer
{
    private const int OrdinalKey = 0;

    public static void Write(ref MessagePackWriter writer, TestUnreported value)
    {
        writer.WriteMapHeader(1);
        writer.Write(OrdinalKey);
        writer.Write(value.Ordinal);
    }

    public static TestUnreported Read(ref MessagePackReader reader)
    {
        int ordinal = 0;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case OrdinalKey:
                    ordinal = reader.ReadInt32();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new TestUnreported(ordinal);
    }
}
