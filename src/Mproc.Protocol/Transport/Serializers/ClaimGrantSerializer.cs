using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>ClaimGrant as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class ClaimGrantSerializer
{
    private const int MineKey = 0;
    private const int TakenKey = 1;
    private const int QueueEmptyKey = 2;

    public static void Write(ref MessagePackWriter writer, ClaimGrant value)
    {
        writer.WriteMapHeader(3);
        writer.Write(MineKey);
        ListSerializer.WriteInt32s(ref writer, value.Mine);
        writer.Write(TakenKey);
        ListSerializer.WriteInt32s(ref writer, value.Taken);
        writer.Write(QueueEmptyKey);
        writer.Write(value.QueueEmpty);
    }

    public static ClaimGrant Read(ref MessagePackReader reader)
    {
        IReadOnlyList<int> mine = [];
        IReadOnlyList<int> taken = [];
        bool queueEmpty = false;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case MineKey:
                    mine = ListSerializer.ReadInt32s(ref reader);
                    break;
                case TakenKey:
                    taken = ListSerializer.ReadInt32s(ref reader);
                    break;
                case QueueEmptyKey:
                    queueEmpty = reader.ReadBoolean();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new ClaimGrant(mine, taken, queueEmpty);
    }
}
