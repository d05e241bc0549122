using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>TestFinished as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class TestFinishedSerializer
{
    private const int OrdinalKey = 0;
    private const int OutcomeKey = 1;

    public static void Write(MessagePackWriter writer, TestFinished value)
    {
        writer.WriteMapHeader(2);
        writer.WriteInt32(OrdinalKey);
        writer.WriteInt32(value.Ordinal);
        writer.WriteInt32(OutcomeKey);
        TestOutcomeSerializer.Write(writer, value.Outcome);
    }

    public static TestFinished Read(ref MessagePackReader reader)
    {
        int ordinal = 0;
        TestOutcome? outcome = null;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case OrdinalKey:
                    ordinal = reader.ReadInt32();
                    break;
                case OutcomeKey:
                    outcome = TestOutcomeSerializer.Read(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new TestFinished(ordinal, outcome ?? throw MissingField(nameof(TestFinished.Outcome)));
    }

    private static ProtocolException MissingField(string field) => new($"TestFinished: required field {field} is missing.");
}
