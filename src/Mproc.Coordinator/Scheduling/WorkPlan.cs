using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// Turns the discovered tests into work units: groups from the <c>MprocGroup</c> property (on the
/// test or an enclosing suite), expected durations from an earlier run (tests without history get
/// the mean of those with), and fixtures. A test that belongs to two groups is an error.
/// </summary>
public static class WorkPlan
{
    public const string GroupProperty = "MprocGroup";

    /// <summary>The units in run order, or the reason there are none.</summary>
    public static (IReadOnlyList<WorkUnit> Units, string? Error) Build(IReadOnlyList<AssemblyDiscovery> assemblies, IReadOnlyList<TestTiming> timings)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        ArgumentNullException.ThrowIfNull(timings);
        var tests = new List<(int Ordinal, double Seconds, int Fixture, string? Group)>();
        var fixtureBase = 0;
        foreach (var assembly in assemblies)
        {
            var name = Path.GetFileName(assembly.Path);
            var known = timings.Where(t => t.Assembly == name).GroupBy(t => t.FullName, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().Seconds, StringComparer.Ordinal);
            var unknown = known.Count == 0 ? 0 : known.Values.Average();
            var nodes = assembly.Nodes;
            for (var i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i];
                if (node.Ordinal < 0)
                {
                    continue;
                }

                var groups = GroupsOf(nodes, i);
                if (groups.Count > 1)
                {
                    return ([], $"{node.FullName} is in more than one MprocGroup ({string.Join(", ", groups.Select(g => $"'{g}'"))}); a test can be in one group only");
                }

                var seconds = known.TryGetValue(node.FullName, out var s) ? s : unknown;
                tests.Add((node.Ordinal, seconds, fixtureBase + FixtureOf(nodes, i), groups.Count == 1 ? groups[0] : null));
            }

            fixtureBase += nodes.Count;
        }

        var units = new List<WorkUnit>();
        var groupUnits = new Dictionary<string, (List<int> Ordinals, double Seconds, int Fixture)>(StringComparer.Ordinal);
        var groupOrder = new List<string>();
        foreach (var test in tests.OrderBy(t => t.Ordinal))
        {
            if (test.Group is null)
            {
                units.Add(new WorkUnit([test.Ordinal], test.Seconds, test.Fixture, null));
            }
            else if (groupUnits.TryGetValue(test.Group, out var unit))
            {
                unit.Ordinals.Add(test.Ordinal);
                groupUnits[test.Group] = (unit.Ordinals, unit.Seconds + test.Seconds, unit.Fixture);
            }
            else
            {
                groupUnits[test.Group] = ([test.Ordinal], test.Seconds, test.Fixture);
                groupOrder.Add(test.Group);
            }
        }

        foreach (var group in groupOrder)
        {
            var (ordinals, seconds, fixture) = groupUnits[group];
            units.Add(new WorkUnit(ordinals, seconds, fixture, group));
        }

        units.Sort((a, b) => a.First.CompareTo(b.First));
        return (units, null);
    }

    /// <summary>
    /// The distinct MprocGroup values on a test and the suites above it, nearest first;
    /// <paramref name="selfAndAncestors"/> walks from the test up to its assembly.
    /// </summary>
    public static List<string> GroupsAlong(IEnumerable<TestNode> selfAndAncestors)
    {
        ArgumentNullException.ThrowIfNull(selfAndAncestors);
        var groups = new List<string>();
        foreach (var node in selfAndAncestors)
        {
            var properties = node.Properties;
            for (var p = 0; p + 1 < properties.Count; p += 2)
            {
                if (properties[p] == GroupProperty && !groups.Contains(properties[p + 1]))
                {
                    groups.Add(properties[p + 1]);
                }
            }
        }

        return groups;
    }

    private static List<string> GroupsOf(IReadOnlyList<TestNode> nodes, int index) => GroupsAlong(SelfAndAncestors(nodes, index));

    private static IEnumerable<TestNode> SelfAndAncestors(IReadOnlyList<TestNode> nodes, int index)
    {
        for (var i = index; i >= 0; i = nodes[i].ParentIndex)
        {
            yield return nodes[i];
        }
    }

    private static int FixtureOf(IReadOnlyList<TestNode> nodes, int index)
    {
        for (var i = nodes[index].ParentIndex; i >= 0; i = nodes[i].ParentIndex)
        {
            if (nodes[i].TestType is "TestFixture" or "GenericFixture" or "SetUpFixture" or "Assembly")
            {
                return i;
            }
        }

        return nodes[index].ParentIndex;
    }
}
