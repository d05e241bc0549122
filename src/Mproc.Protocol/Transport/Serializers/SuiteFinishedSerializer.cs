using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>SuiteFinished as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class SuiteFinishedSerializer
{
    private const int NodeIndexKey = 0;
    private const int OutcomeKey = 1;

    public static void Write(MessagePackWriter writer, SuiteFinished value)
    {
        writer.WriteMapHeader(2);
        writer.WriteInt32(NodeIndexKey);
        writer.WriteInt32(value.NodeIndex);
        writer.WriteInt32(OutcomeKey);
        TestOutcomeSerializer.Write(writer, value.Outcome);
    }

    public static SuiteFinished Read(ref MessagePackReader reader)
    {
        int nodeIndex = 0;
        TestOutcome? outcome = null;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case NodeIndexKey:
                    nodeIndex = reader.ReadInt32();
                    break;
                case OutcomeKey:
                    outcome = TestOutcomeSerializer.Read(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new SuiteFinished(nodeIndex, outcome ?? throw MissingField(nameof(SuiteFinished.Outcome)));
    }

    private static ProtocolException MissingField(string field) => new($"SuiteFinished: required field {field} is missing.");
}
