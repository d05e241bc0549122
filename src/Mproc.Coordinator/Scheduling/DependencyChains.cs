using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// NUnit 5's test dependencies in a discovered tree. NUnit resolves them among siblings only: a
/// <c>DependsOnTest</c> names a sibling test or parameterized method, a <c>DependsOnFixture</c> a
/// sibling fixture's type. A dependency that is not among them was not found by NUnit either (NUnit
/// makes the dependent not runnable), or was not selected.
/// </summary>
internal static class DependencyChains
{
    /// <summary>
    /// An anchor (an element of <paramref name="bindings"/>) for each node on either end of a
    /// dependency, united with the anchor at the other end; -1 for the other nodes.
    /// </summary>
    public static int[] Anchors(IReadOnlyList<TestNode> nodes, UnionFind bindings)
    {
        var anchors = new int[nodes.Count];
        Array.Fill(anchors, -1);
        List<int>? dependents = null;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (DependencyOf(nodes[i]) is not null)
            {
                (dependents ??= []).Add(i);
            }
        }

        if (dependents is null)
        {
            return anchors;
        }

        var children = new Dictionary<int, List<int>>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!children.TryGetValue(nodes[i].ParentIndex, out var siblings))
            {
                children[nodes[i].ParentIndex] = siblings = [];
            }

            siblings.Add(i);
        }

        foreach (var dependent in dependents)
        {
            var (byFixture, target) = DependencyOf(nodes[dependent])!.Value;
            var siblings = children[nodes[dependent].ParentIndex];
            var found = siblings.FindIndex(s => s != dependent &&
                (byFixture ? nodes[s].ClassName == target && nodes[s].TestType is "TestFixture" or "GenericFixture" : nodes[s].Name == target));
            if (found >= 0)
            {
                bindings.Union(AnchorOf(dependent), AnchorOf(siblings[found]));
            }
        }

        return anchors;

        int AnchorOf(int node) => anchors[node] >= 0 ? anchors[node] : anchors[node] = bindings.Add();
    }

    /// <summary>Whether a node depends on a fixture (by type name) or on a test (by name), and which.</summary>
    private static (bool ByFixture, string Target)? DependencyOf(TestNode node)
    {
        if (NUnitTraits.Property(node, NUnitTraits.DependsOnTestProperty) is { } test)
        {
            return (false, test);
        }

        return NUnitTraits.Property(node, NUnitTraits.DependsOnFixtureProperty) is { } fixture ? (true, fixture) : null;
    }
}
