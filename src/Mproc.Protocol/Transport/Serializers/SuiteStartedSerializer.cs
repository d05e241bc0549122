using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>SuiteStarted as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class SuiteStartedSerializer
{
    private const int NodeIndexKey = 0;

    public static void Write(ref MessagePackWriter writer, SuiteStarted value)
    {
        writer.WriteMapHeader(1);
        writer.Write(NodeIndexKey);
        writer.Write(value.NodeIndex);
    }

    public static SuiteStarted Read(ref MessagePackReader reader)
    {
        int nodeIndex = 0;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case NodeIndexKey:
                    nodeIndex = reader.ReadInt32();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new SuiteStarted(nodeIndex);
    }
}
