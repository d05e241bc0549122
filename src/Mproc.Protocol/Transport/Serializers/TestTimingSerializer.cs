using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>TestTiming as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class TestTimingSerializer
{
    private const int AssemblyKey = 0;
    private const int FullNameKey = 1;
    private const int SecondsKey = 2;

    public static void Write(MessagePackWriter writer, TestTiming value)
    {
        writer.WriteMapHeader(3);
        writer.WriteInt32(AssemblyKey);
        writer.WriteString(value.Assembly);
        writer.WriteInt32(FullNameKey);
        writer.WriteString(value.FullName);
        writer.WriteInt32(SecondsKey);
        writer.WriteDouble(value.Seconds);
    }

    public static TestTiming Read(ref MessagePackReader reader)
    {
        string assembly = string.Empty;
        string fullName = string.Empty;
        double seconds = 0;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case AssemblyKey:
                    assembly = reader.ReadString();
                    break;
                case FullNameKey:
                    fullName = reader.ReadString();
                    break;
                case SecondsKey:
                    seconds = reader.ReadDouble();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new TestTiming(assembly, fullName, seconds);
    }
}
