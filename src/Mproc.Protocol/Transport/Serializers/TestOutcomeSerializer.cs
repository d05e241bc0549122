using MessagePack;
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

    public static void Write(ref MessagePackWriter writer, TestOutcome value)
    {
        var attachments = value.AttachmentList;
        writer.WriteMapHeader(attachments.Count > 0 ? 11 : 10);
        writer.Write(StatusKey);
        writer.WriteText(value.Status);
        writer.Write(LabelKey);
        writer.WriteText(value.Label);
        writer.Write(SiteKey);
        writer.WriteText(value.Site);
        writer.Write(MessageKey);
        writer.WriteText(value.Message);
        writer.Write(StackTraceKey);
        writer.WriteText(value.StackTrace);
        writer.Write(OutputKey);
        writer.WriteText(value.Output);
        writer.Write(StartTicksKey);
        writer.Write(value.StartTicks);
        writer.Write(EndTicksKey);
        writer.Write(value.EndTicks);
        writer.Write(DurationSecondsKey);
        writer.Write(value.DurationSeconds);
        writer.Write(AssertCountKey);
        writer.Write(value.AssertCount);
        if (attachments.Count > 0)
        {
            writer.Write(AttachmentsKey);
            writer.WriteArrayHeader(attachments.Count);
            foreach (var attachment in attachments)
            {
                writer.WriteMapHeader(2);
                writer.Write(FilePathKey);
                writer.WriteText(attachment.FilePath);
                writer.Write(DescriptionKey);
                writer.WriteText(attachment.Description);
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
                    status = reader.ReadText();
                    break;
                case LabelKey:
                    label = reader.ReadText();
                    break;
                case SiteKey:
                    site = reader.ReadText();
                    break;
                case MessageKey:
                    message = reader.ReadNullableText();
                    break;
                case StackTraceKey:
                    stackTrace = reader.ReadNullableText();
                    break;
                case OutputKey:
                    output = reader.ReadNullableText();
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
                    reader.SkipValue();
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
                        filePath = reader.ReadText();
                        break;
                    case DescriptionKey:
                        description = reader.ReadNullableText();
                        break;
                    default:
                        reader.SkipValue();
                        break;
                }
            }

            attachments.Add(new TestAttachment(filePath, description));
        }

        return attachments;
    }
}
