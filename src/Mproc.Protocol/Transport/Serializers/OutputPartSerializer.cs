using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>OutputPart as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class OutputPartSerializer
{
    private const int IsSuiteKey = 0;
    private const int TargetKey = 1;
    private const int TextKey = 2;

    public static void Write(MessagePackWriter writer, OutputPart value)
    {
        writer.WriteMapHeader(3);
        writer.WriteInt32(IsSuiteKey);
        writer.WriteBoolean(value.IsSuite);
        writer.WriteInt32(TargetKey);
        writer.WriteInt32(value.Target);
        writer.WriteInt32(TextKey);
        writer.WriteString(value.Text);
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
                    text = reader.ReadString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new OutputPart(isSuite, target, text);
    }
}
