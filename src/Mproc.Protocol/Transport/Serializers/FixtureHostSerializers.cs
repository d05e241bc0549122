using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>The fixture host's messages as MessagePack maps keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class FixtureHostSerializers
{
    private const int ProblemsKey = 0;
    private const int FixtureKey = 0;
    private const int StageKey = 1;
    private const int EndedKey = 2;
    private const int LineKey = 1;

    public static void Write(MessagePackWriter writer, FixtureHostEnded value)
    {
        writer.WriteMapHeader(1);
        writer.WriteInt32(ProblemsKey);
        ListSerializer.WriteStrings(writer, value.Problems);
    }

    public static void Write(MessagePackWriter writer, FixtureHostStage value)
    {
        writer.WriteMapHeader(3);
        writer.WriteInt32(FixtureKey);
        writer.WriteString(value.Fixture);
        writer.WriteInt32(StageKey);
        writer.WriteString(value.Stage);
        writer.WriteInt32(EndedKey);
        writer.WriteBoolean(value.Ended);
    }

    public static void Write(MessagePackWriter writer, FixtureOutputLine value)
    {
        writer.WriteMapHeader(2);
        writer.WriteInt32(FixtureKey);
        writer.WriteString(value.Fixture);
        writer.WriteInt32(LineKey);
        writer.WriteString(value.Line);
    }

    public static FixtureHostEnded ReadEnded(ref MessagePackReader reader)
    {
        IReadOnlyList<string> problems = [];
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case ProblemsKey:
                    problems = ListSerializer.ReadStrings(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new FixtureHostEnded(problems);
    }

    public static FixtureHostStage ReadStage(ref MessagePackReader reader)
    {
        string fixture = string.Empty;
        string stage = string.Empty;
        bool ended = false;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case FixtureKey:
                    fixture = reader.ReadString();
                    break;
                case StageKey:
                    stage = reader.ReadString();
                    break;
                case EndedKey:
                    ended = reader.ReadBoolean();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new FixtureHostStage(fixture, stage, ended);
    }

    public static FixtureOutputLine ReadOutputLine(ref MessagePackReader reader)
    {
        string fixture = string.Empty;
        string line = string.Empty;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case FixtureKey:
                    fixture = reader.ReadString();
                    break;
                case LineKey:
                    line = reader.ReadString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new FixtureOutputLine(fixture, line);
    }
}
