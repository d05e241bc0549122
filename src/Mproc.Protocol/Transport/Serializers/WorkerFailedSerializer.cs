using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>WorkerFailed as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class WorkerFailedSerializer
{
    private const int MessageKey = 0;
    private const int DetailsKey = 1;

    public static void Write(MessagePackWriter writer, WorkerFailed value)
    {
        writer.WriteMapHeader(2);
        writer.WriteInt32(MessageKey);
        writer.WriteString(value.Message);
        writer.WriteInt32(DetailsKey);
        writer.WriteString(value.Details);
    }

    public static WorkerFailed Read(ref MessagePackReader reader)
    {
        string message = string.Empty;
        string? details = null;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case MessageKey:
                    message = reader.ReadString();
                    break;
                case DetailsKey:
                    details = reader.ReadNullableString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new WorkerFailed(message, details);
    }
}
