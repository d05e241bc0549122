using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>SuiteFinished: key 0 the node index, key 1 the outcome; see <see cref="IndexedOutcomeSerializer"/>.</summary>
internal static class SuiteFinishedSerializer
{
    public static void Write(ref MessagePackWriter writer, SuiteFinished value) =>
        IndexedOutcomeSerializer.Write(ref writer, value.NodeIndex, value.Outcome);

    public static SuiteFinished Read(ref MessagePackReader reader)
    {
        var (nodeIndex, outcome) = IndexedOutcomeSerializer.Read(ref reader, nameof(SuiteFinished));
        return new SuiteFinished(nodeIndex, outcome);
    }
}
