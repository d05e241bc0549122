using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>
/// The body TestFinished and SuiteFinished share: key 0 an index (a test's ordinal or a suite's node
/// index), key 1 the <see cref="TestOutcome"/>, which is required.
/// </summary>
internal static class IndexedOutcomeSerializer
{
    private const int IndexKey = 0;
    private const int OutcomeKey = 1;

    public static void Write(ref MessagePackWriter writer, int index, TestOutcome outcome)
    {
        writer.WriteMapHeader(2);
        writer.Write(IndexKey);
        writer.Write(index);
        writer.Write(OutcomeKey);
        TestOutcomeSerializer.Write(ref writer, outcome);
    }

    public static (int Index, TestOutcome Outcome) Read(ref MessagePackReader reader, string messageName)
    {
        int index = 0;
        TestOutcome? outcome = null;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case IndexKey:
                    index = reader.ReadInt32();
                    break;
                case OutcomeKey:
                    outcome = TestOutcomeSerializer.Read(ref reader);
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return (index, outcome ?? throw new ProtocolException($"{messageName}: required field Outcome is missing."));
    }
}
