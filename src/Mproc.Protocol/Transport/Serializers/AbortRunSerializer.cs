using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>AbortRun as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class AbortRunSerializer
{
    private const int ReasonKey = 0;

    public static void Write(MessagePackWriter writer, AbortRun value)
    {
        writer.WriteMapHeader(1);
        writer.WriteInt32(ReasonKey);
        writer.WriteString(value.Reason);
    }

    public static AbortRun Read(ref MessagePackReader reader)
    {
        string reason = string.Empty;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case ReasonKey:
                    reason = reader.ReadString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new AbortRun(reason);
    }
}
