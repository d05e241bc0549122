using MessagePack;
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

    public static void Write(ref MessagePackWriter writer, FixtureHostEnded value)
    {
        writer.WriteMapHeader(1);
        writer.Write(ProblemsKey);
        ListSerializer.WriteStrings(ref writer, value.Problems);
    }

    public static void Write(ref MessagePackWriter writer, FixtureHostStage value)
    {
        writer.WriteMapHeader(3);
        writer.Write(FixtureKey);
        writer.WriteText(value.Fixture);
        writer.Write(StageKey);
        writer.WriteText(value.Stage);
        writer.Write(EndedKey);
        writer.Write(value.Ended);
    }

    public static void Write(ref MessagePackWriter writer, FixtureOutputLine value)
    {
        writer.WriteMapHeader(2);
        writer.Write(FixtureKey);
        writer.WriteText(value.Fixture);
        writer.Write(LineKey);
        writer.WriteText(value.Line);
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
                    reader.SkipValue();
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
                    fixture = reader.ReadText();
                    break;
                case StageKey:
                    stage = reader.ReadText();
                    break;
                case EndedKey:
                    ended = reader.ReadBoolean();
                    break;
                default:
                    reader.SkipValue();
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
                    fixture = reader.ReadText();
                    break;
                case LineKey:
                    line = reader.ReadText();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new FixtureOutputLine(fixture, line);
    }
}
