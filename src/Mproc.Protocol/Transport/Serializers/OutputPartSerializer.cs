using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>OutputPart as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class OutputPartSerializer
{
    private const int IsSuiteKey = 0;
    private const int TargetKey = 1;
    private const int TextKey = 2;

    public static void Write(ref MessagePackWriter writer, OutputPart value)
    {
        writer.WriteMapHeader(3);
        writer.Write(IsSuiteKey);
        writer.Write(value.IsSuite);
        writer.Write(TargetKey);
        writer.Write(value.Target);
        writer.Write(TextKey);
        writer.WriteText(value.Text);
    }

    public static OutputPart Read(ref MessagePackReader reader)
    {
        bool isSuite = false;
        int target = 0;
        string text = string.Empty;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case IsSuiteKey:
                    isSuite = reader.ReadBoolean();
                    break;
                case TargetKey:
                    target = reader.ReadInt32();
                    break;
                case TextKey:
                    text = reader.ReadText();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new OutputPart(isSuite, target, text);
    }
}
