using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>TestFinished: key 0 the ordinal, key 1 the outcome; see <see cref="IndexedOutcomeSerializer"/>.</summary>
internal static class TestFinishedSerializer
{
    public static void Write(ref MessagePackWriter writer, TestFinished value) =>
        IndexedOutcomeSerializer.Write(ref writer, value.Ordinal, value.Outcome);

    public static TestFinished Read(ref MessagePackReader reader)
    {
        var (ordinal, outcome) = IndexedOutcomeSerializer.Read(ref reader, nameof(TestFinished));
        return new TestFinished(ordinal, outcome);
    }
}
