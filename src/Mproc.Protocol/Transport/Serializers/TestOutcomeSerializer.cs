using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>TestOutcome as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class TestOutcomeSerializer
{
    private const int StatusKey = 0;
    private const int LabelKey = 1;
    private const int SiteKey = 2;
    private const int MessageKey = 3;
    private const int StackTraceKey = 4;
    private const int OutputKey = 5;
    private const int StartTicksKey = 6;
    private const int EndTicksKey = 7;
    private const int DurationSecondsKey = 8;
    private const int AssertCountKey = 9;
    private const int AttachmentsKey = 10;
    private const int FilePathKey = 0;
    private const int DescriptionKey = 1;

    public static void Write(MessagePackWriter writer, TestOutcome value)
    {
        var attachments = value.AttachmentList;
        writer.WriteMapHeader(attachments.Count > 0 ? 11 : 10);
        writer.WriteInt32(StatusKey);
        writer.WriteString(value.Status);
        writer.WriteInt32(LabelKey);
        writer.WriteString(value.Label);
        writer.WriteInt32(SiteKey);
        writer.WriteString(value.Site);
        writer.WriteInt32(MessageKey);
        writer.WriteString(value.Message);
        writer.WriteInt32(StackTraceKey);
        writer.WriteString(value.StackTrace);
        writer.WriteInt32(OutputKey);
        writer.WriteString(value.Output);
        writer.WriteInt32(StartTicksKey);
        writer.WriteInt64(value.StartTicks);
        writer.WriteInt32(EndTicksKey);
        writer.WriteInt64(value.EndTicks);
        writer.WriteInt32(DurationSecondsKey);
        writer.WriteDouble(value.DurationSeconds);
        writer.WriteInt32(AssertCountKey);
        writer.WriteInt32(value.AssertCount);
        if (attachments.Count > 0)
        {
            writer.WriteInt32(AttachmentsKey);
            writer.WriteArrayHeader(attachments.Count);
            foreach (var attachment in attachments)
            {
                writer.WriteMapHeader(2);
                writer.WriteInt32(FilePathKey);
                writer.WriteString(attachment.FilePath);
                writer.WriteInt32(DescriptionKey);
                writer.WriteString(attachment.Description);
            }
        }
    }

    public static TestOutcome Read(ref MessagePackReader reader)
    {
        string status = string.Empty;
        string label = string.Empty;
        string site = string.Empty;
        string? message = null;
        string? stackTrace = null;
        string? output = null;
        long startTicks = 0;
        long endTicks = 0;
        double durationSeconds = 0;
        int assertCount = 0;
        List<TestAttachment>? attachments = null;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case StatusKey:
                    status = reader.ReadString();
                    break;
                case LabelKey:
                    label = reader.ReadString();
                    break;
                case SiteKey:
                    site = reader.ReadString();
                    break;
                case MessageKey:
                    message = reader.ReadNullableString();
                    break;
                case StackTraceKey:
                    stackTrace = reader.ReadNullableString();
                    break;
                case OutputKey:
                    output = reader.ReadNullableString();
                    break;
                case StartTicksKey:
                    startTicks = reader.ReadInt64();
                    break;
                case EndTicksKey:
                    endTicks = reader.ReadInt64();
                    break;
                case DurationSecondsKey:
                    durationSeconds = reader.ReadDouble();
                    break;
                case AssertCountKey:
                    assertCount = reader.ReadInt32();
                    break;
                case AttachmentsKey:
                    attachments = ReadAttachments(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new TestOutcome(
            status,
            label,
            site,
            message,
            stackTrace,
            output,
            startTicks,
            endTicks,
            durationSeconds,
            assertCount,
            attachments);
    }

    private static List<TestAttachment> ReadAttachments(ref MessagePackReader reader)
    {
        var count = reader.ReadArrayHeader();
        var attachments = new List<TestAttachment>(count);
        for (var i = 0; i < count; i++)
        {
            string filePath = string.Empty;
            string? description = null;
            var fields = reader.ReadMapHeader();
            for (var f = 0; f < fields; f++)
            {
                switch (reader.ReadInt32())
                {
                    case FilePathKey:
                        filePath = reader.ReadString();
                        break;
                    case DescriptionKey:
                        description = reader.ReadNullableString();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            attachments.Add(new TestAttachment(filePath, description));
        }

        return attachments;
    }
}
