using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>WorkerFailed as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class WorkerFailedSerializer
{
    private const int MessageKey = 0;
    private const int DetailsKey = 1;

    public static void Write(ref MessagePackWriter writer, WorkerFailed value)
    {
        writer.WriteMapHeader(2);
        writer.Write(MessageKey);
        writer.WriteText(value.Message);
        writer.Write(DetailsKey);
        writer.WriteText(value.Details);
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
                    message = reader.ReadText();
                    break;
                case DetailsKey:
                    details = reader.ReadNullableText();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new WorkerFailed(message, details);
    }
}
