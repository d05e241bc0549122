using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Running;

/// <summary>
/// Checks that a worker discovered exactly the tests of the reference worker, and names the first
/// difference when it did not (typically [Random] or per-process [TestCaseSource] data).
/// </summary>
public static class DiscoveryComparer
{
    public static string? FirstDifference(IReadOnlyList<AssemblyDiscovery> reference, int referenceWorker, IReadOnlyList<AssemblyDiscovery> other, int otherWorker)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(other);
        if (reference.Count != other.Count)
        {
            return $"worker {otherWorker} loaded {other.Count} assemblies, worker {referenceWorker} loaded {reference.Count}";
        }

        for (var a = 0; a < reference.Count; a++)
        {
            var expected = reference[a].Nodes;
            var actual = other[a].Nodes;
            var name = Path.GetFileName(reference[a].Path);
            var common = Math.Min(expected.Count, actual.Count);
            for (var i = 0; i < common; i++)
            {
                var e = expected[i];
                var x = actual[i];
                if (e.FullName != x.FullName || e.TestType != x.TestType || e.ParentIndex != x.ParentIndex || e.Ordinal != x.Ordinal)
                {
                    return $"in {name} at position {i}, worker {otherWorker} discovered '{x.FullName}' where worker {referenceWorker} discovered '{e.FullName}'";
                }
            }

            if (expected.Count != actual.Count)
            {
                var extra = expected.Count > actual.Count ? expected[common] : actual[common];
                var who = expected.Count > actual.Count ? referenceWorker : otherWorker;
                return $"in {name}, worker {who} discovered '{extra.FullName}' which worker {(who == referenceWorker ? otherWorker : referenceWorker)} did not ({expected.Count} vs {actual.Count} nodes)";
            }
        }

        return null;
    }
}
