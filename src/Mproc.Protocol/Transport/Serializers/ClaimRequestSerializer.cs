using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>ClaimRequest as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class ClaimRequestSerializer
{
    private const int PositionKey = 0;

    public static void Write(ref MessagePackWriter writer, ClaimRequest value)
    {
        writer.WriteMapHeader(1);
        writer.Write(PositionKey);
        writer.Write(value.Position);
    }

    public static ClaimRequest Read(ref MessagePackReader reader)
    {
        int position = 0;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case PositionKey:
                    position = reader.ReadInt32();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new ClaimRequest(position);
    }
}
