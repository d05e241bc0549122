using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>TestOutputLine as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class TestOutputLineSerializer
{
    private const int OrdinalKey = 0;
    private const int StreamKey = 1;
    private const int TextKey = 2;

    public static void Write(ref MessagePackWriter writer, TestOutputLine value)
    {
        writer.WriteMapHeader(3);
        writer.Write(OrdinalKey);
        writer.Write(value.Ordinal);
        writer.Write(StreamKey);
        writer.WriteText(value.Stream);
        writer.Write(TextKey);
        writer.WriteText(value.Text);
    }

    public static TestOutputLine Read(ref MessagePackReader reader)
    {
        int ordinal = 0;
        string stream = string.Empty;
        string text = string.Empty;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case OrdinalKey:
                    ordinal = reader.ReadInt32();
                    break;
                case StreamKey:
                    stream = reader.ReadText();
                    break;
                case TextKey:
                    text = reader.ReadText();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new TestOutputLine(ordinal, stream, text);
    }
}
