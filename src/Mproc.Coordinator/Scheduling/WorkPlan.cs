using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// Turns the discovered tests into work units: groups from the <c>MprocGroup</c> property (on the
/// test or an enclosing suite), expected durations from an earlier run (tests without history get
/// the mean of those with, <see cref="ExpectedDurations.Mean"/>, as in the workers), and fixtures. A test that belongs to two groups is an error.
/// </summary>
public static class WorkPlan
{
    public const string GroupProperty = "MprocGroup";

    /// <summary>
    /// Earlier durations grouped by assembly file name (a later entry for a test wins), as workers
    /// get them; only those of <paramref name="assemblyNames"/> when given.
    /// </summary>
    public static List<AssemblyTimings> ByAssembly(IReadOnlyList<TestTiming> timings, IReadOnlySet<string>? assemblyNames = null)
    {
        ArgumentNullException.ThrowIfNull(timings);

        // Plain loops: this runs once per run over every test of the history, before the first test.
        var names = new List<string>();
        var builders = new Dictionary<string, ExpectedDurations.Builder>(StringComparer.Ordinal);
        foreach (var timing in timings)
        {
            if (assemblyNames is not null && !assemblyNames.Contains(timing.Assembly))
            {
                continue;
            }

            if (!builders.TryGetValue(timing.Assembly, out var builder))
            {
                builders[timing.Assembly] = builder = new ExpectedDurations.Builder(assemblyNames?.Count == 1 ? timings.Count : 1024);
                names.Add(timing.Assembly);
            }

            builder.Add(timing.FullName, timing.Seconds);
        }

        var result = new List<AssemblyTimings>(names.Count);
        foreach (var name in names)
        {
            result.Add(new AssemblyTimings(name, builders[name].Build()));
        }

        return result;
    }

    /// <summary>The units in run order, or the reason there are none.</summary>
    public static (IReadOnlyList<WorkUnit> Units, string? Error) Build(IReadOnlyList<AssemblyDiscovery> assemblies, IReadOnlyList<AssemblyTimings> timings)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        ArgumentNullException.ThrowIfNull(timings);
        var units = new List<WorkUnit>();
        var groupUnits = new Dictionary<string, GroupUnit>(StringComparer.Ordinal);
        var fixtureBase = 0;

        // Plain loops and arrays: this runs once per run on the way to the first test, over every
        // test of the suite.
        foreach (var assembly in assemblies)
        {
            var name = Path.GetFileName(assembly.Path);
            var known = timings.LastOrDefault(t => string.Equals(t.Assembly, name, StringComparison.Ordinal))?.Durations ?? ExpectedDurations.None;
            var unknown = known.Mean;
            var nodes = assembly.Nodes;
            var groups = new List<string>[nodes.Count];
            for (var i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i];
                groups[i] = WithOwnGroups(node, node.ParentIndex >= 0 ? groups[node.ParentIndex] : NoGroups);
                if (node.Ordinal < 0)
                {
                    continue;
                }

                if (groups[i].Count > 1)
                {
                    return ([], $"{node.FullName} is in more than one MprocGroup ({string.Join(", ", groups[i].Select(g => $"'{g}'"))}); a test can be in one group only");
                }

                var seconds = known.TryGet(node.FullName, out var s) ? s : unknown;
                var fixture = fixtureBase + FixtureOf(nodes, i);
                if (groups[i].Count == 0)
                {
                    units.Add(new WorkUnit([node.Ordinal], seconds, fixture, null));
                }
                else if (groupUnits.TryGetValue(groups[i][0], out var unit))
                {
                    unit.Ordinals.Add(node.Ordinal);
                    unit.Seconds += seconds;
                }
                else
                {
                    groupUnits[groups[i][0]] = new GroupUnit(node.Ordinal, seconds, fixture);
                }
            }

            fixtureBase += nodes.Count;
        }

        foreach (var (group, unit) in groupUnits)
        {
            unit.Ordinals.Sort();
            units.Add(new WorkUnit(unit.Ordinals, unit.Seconds, unit.Fixture, group));
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

    private static readonly List<string> NoGroups = [];

    /// <summary>A node's groups: its own, then its parent's that it does not repeat (shared when it has none).</summary>
    private static List<string> WithOwnGroups(TestNode node, List<string> inherited)
    {
        List<string>? groups = null;
        var properties = node.Properties;
        for (var p = 0; p + 1 < properties.Count; p += 2)
        {
            if (properties[p] == GroupProperty && !(groups ?? NoGroups).Contains(properties[p + 1]))
            {
                (groups ??= []).Add(properties[p + 1]);
            }
        }

        if (groups is null)
        {
            return inherited;
        }

        foreach (var group in inherited)
        {
            if (!groups.Contains(group))
            {
                groups.Add(group);
            }
        }

        return groups;
    }

    /// <summary>The tests of one MprocGroup so far.</summary>
    private sealed class GroupUnit(int first, double seconds, int fixture)
    {
        public List<int> Ordinals { get; } = [first];

        public double Seconds { get; set; } = seconds;

        public int Fixture { get; } = fixture;
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
