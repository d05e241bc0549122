using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// Turns the discovered tests into work units: groups from the <c>MprocGroup</c> property (on the
/// test or an enclosing suite) and their scope from <c>MprocGroupScope</c> beside it, expected
/// durations from an earlier run (tests without history get the mean of those with,
/// <see cref="ExpectedDurations.Mean"/>, as in the workers), and fixtures. A test that belongs to two
/// groups is an error, and so is a group declared with two scopes.
/// </summary>
public static class WorkPlan
{
    public const string GroupProperty = Mproc.Plugin.PropertyNames.Group;
    public const string GroupScopeProperty = Mproc.Plugin.PropertyNames.GroupScope;

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
    /// <remarks>
    /// Tests that must run in one worker are bound into one unit: the tests of an MprocGroup, the
    /// cases of a Theory (NUnit fails a theory whose cases were all inconclusive, which only the
    /// worker that runs every case can judge), and the tests of an NUnit 5 dependency chain
    /// (<c>[DependsOnTest]</c>, <c>[DependsOnFixture]</c>: a dependent runs after its dependency and
    /// is skipped when it did not pass, so both run in one NUnit session in NUnit's order). Where
    /// these overlap, the units merge. A unit with a non-parallelizable test is exclusive.
    /// <para>
    /// The tests of a group with <c>Scope = Node</c> are not bound to one worker: they stay units of
    /// their own (or of what binds them otherwise), and those units become the parts of one unit
    /// (<see cref="WorkUnit.Parts"/>), so a shared build leases the whole group to one machine.
    /// </para>
    /// </remarks>
    public static (IReadOnlyList<WorkUnit> Units, string? Error) Build(IReadOnlyList<AssemblyDiscovery> assemblies, IReadOnlyList<AssemblyTimings> timings)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        ArgumentNullException.ThrowIfNull(timings);
        var testCount = 0;
        foreach (var assembly in assemblies)
        {
            foreach (var node in assembly.Nodes)
            {
                testCount += node.Ordinal >= 0 ? 1 : 0;
            }
        }

        // Elements 0..testCount-1 are the tests by ordinal; anchors (groups, theories, chains) follow.
        var bindings = new UnionFind(testCount);
        var bound = new bool[testCount];
        var seconds = new double[testCount];
        var fixtures = new int[testCount];
        var exclusive = new bool[testCount];
        var groupAnchors = new Dictionary<string, int>(StringComparer.Ordinal);
        var anchorGroups = new Dictionary<int, string>();
        var scopes = new Dictionary<string, GroupDeclaration>(StringComparer.Ordinal);

        // Node-scoped groups bind their tests' units into one unit of parts: elements
        // 0..testCount-1 are the tests, each group's anchor follows.
        var machineBindings = new UnionFind(testCount);
        var nodeGroupAnchors = new Dictionary<string, int>(StringComparer.Ordinal);
        var fixtureBase = 0;

        // Plain loops and arrays: this runs once per run on the way to the first test, over every
        // test of the suite.
        foreach (var assembly in assemblies)
        {
            var name = Path.GetFileName(assembly.Path);
            var known = timings.LastOrDefault(t => string.Equals(t.Assembly, name, StringComparison.Ordinal))?.Durations ?? ExpectedDurations.None;
            var unknown = known.Mean;
            var nodes = assembly.Nodes;
            var groups = new List<GroupDeclaration>[nodes.Count];
            var nonParallel = new bool[nodes.Count];
            var theoryAnchor = new int[nodes.Count];
            var chainAnchor = DependencyChains.Anchors(nodes, bindings);
            for (var i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i];
                var parent = node.ParentIndex;
                groups[i] = WithOwnGroups(node, parent >= 0 ? groups[parent] : NoGroups);
                nonParallel[i] = (parent >= 0 && nonParallel[parent]) || NUnitTraits.IsNonParallelizable(node);
                theoryAnchor[i] = parent >= 0 && theoryAnchor[parent] >= 0 ? theoryAnchor[parent]
                    : node.TestType == NUnitTraits.TheoryType ? bindings.Add() : -1;
                if (parent >= 0 && chainAnchor[parent] >= 0)
                {
                    chainAnchor[i] = chainAnchor[parent];
                }

                var ordinal = node.Ordinal;
                if (ordinal < 0)
                {
                    continue;
                }

                if (groups[i].Count > 1 && !OneName(groups[i]))
                {
                    return ([], $"{node.FullName} is in more than one MprocGroup ({string.Join(", ", groups[i].Select(g => $"'{g.Name}'").Distinct())}); a test can be in one group only");
                }

                foreach (var declared in groups[i])
                {
                    if (scopes.TryGetValue(declared.Name, out var first) && first.NodeScope != declared.NodeScope)
                    {
                        return ([], $"MprocGroup '{declared.Name}' is declared with two scopes ({first.Scope} on {first.Where}, {declared.Scope} on {declared.Where}); give every declaration the same Scope");
                    }

                    scopes.TryAdd(declared.Name, declared);
                }

                seconds[ordinal] = known.TryGet(node.FullName, out var s) ? s : unknown;
                fixtures[ordinal] = fixtureBase + FixtureOf(nodes, i);
                exclusive[ordinal] = nonParallel[i];
                if (groups[i].Count > 0 && groups[i][0].NodeScope)
                {
                    if (!nodeGroupAnchors.TryGetValue(groups[i][0].Name, out var anchor))
                    {
                        nodeGroupAnchors[groups[i][0].Name] = anchor = machineBindings.Add();
                    }

                    machineBindings.Union(ordinal, anchor);
                }
                else if (groups[i].Count > 0)
                {
                    var group = groups[i][0].Name;
                    if (!groupAnchors.TryGetValue(group, out var anchor))
                    {
                        groupAnchors[group] = anchor = bindings.Add();
                        anchorGroups[anchor] = group;
                    }

                    Bind(ordinal, anchor);
                }

                Bind(ordinal, theoryAnchor[i]);
                Bind(ordinal, chainAnchor[i]);
            }

            fixtureBase += nodes.Count;
        }

        var units = ToUnits(bindings, bound, seconds, fixtures, exclusive, anchorGroups);
        return (nodeGroupAnchors.Count == 0 ? units : WithNodeGroups(units, machineBindings, nodeGroupAnchors), null);

        void Bind(int ordinal, int anchor)
        {
            if (anchor >= 0)
            {
                bindings.Union(ordinal, anchor);
                bound[ordinal] = true;
            }
        }
    }

    /// <summary>A unit per set of bound tests (in the order of their first test), and one per other test.</summary>
    private static List<WorkUnit> ToUnits(UnionFind bindings, bool[] bound, double[] seconds, int[] fixtures, bool[] exclusive, Dictionary<int, string> anchorGroups)
    {
        var units = new List<WorkUnit>(bound.Length);
        var groupOfSet = new Dictionary<int, string>();
        foreach (var (anchor, group) in anchorGroups)
        {
            groupOfSet.TryAdd(bindings.Find(anchor), group);
        }

        var sets = new Dictionary<int, int>();
        var members = new List<List<int>>();
        for (var ordinal = 0; ordinal < bound.Length; ordinal++)
        {
            if (!bound[ordinal])
            {
                units.Add(new WorkUnit([ordinal], seconds[ordinal], fixtures[ordinal], null, exclusive[ordinal]));
                continue;
            }

            var set = bindings.Find(ordinal);
            if (!sets.TryGetValue(set, out var index))
            {
                sets[set] = index = members.Count;
                members.Add([]);
                units.Add(null!);
            }

            members[index].Add(ordinal);
        }

        // Bound sets take the places left for them, in the order of their first tests.
        var next = 0;
        for (var u = 0; u < units.Count; u++)
        {
            if (units[u] is null)
            {
                var ordinals = members[next++];
                var set = bindings.Find(ordinals[0]);
                units[u] = new WorkUnit(
                    ordinals,
                    ordinals.Sum(o => seconds[o]),
                    fixtures[ordinals[0]],
                    groupOfSet.GetValueOrDefault(set),
                    ordinals.Exists(o => exclusive[o]));
            }
        }

        return units;
    }

    /// <summary>
    /// The units of node-scoped groups, with every unit bound to them, as the parts of one unit each
    /// (at its first test); the other units as they are.
    /// </summary>
    private static List<WorkUnit> WithNodeGroups(List<WorkUnit> units, UnionFind machineBindings, Dictionary<string, int> nodeGroupAnchors)
    {
        // A unit's tests go to one worker, so to one machine: a node group that reaches one takes all.
        foreach (var unit in units)
        {
            foreach (var ordinal in unit.Ordinals)
            {
                machineBindings.Union(unit.First, ordinal);
            }
        }

        var groupOfSet = new Dictionary<int, string>();
        foreach (var (group, anchor) in nodeGroupAnchors)
        {
            groupOfSet.TryAdd(machineBindings.Find(anchor), group);
        }

        // In the order of first tests; a node group's unit takes the place of its first part.
        var partsOfSet = new Dictionary<int, List<WorkUnit>>();
        var places = new List<(WorkUnit? Unit, int Set)>(units.Count);
        foreach (var unit in units)
        {
            var set = machineBindings.Find(unit.First);
            if (!groupOfSet.ContainsKey(set))
            {
                places.Add((unit, -1));
            }
            else if (partsOfSet.TryGetValue(set, out var parts))
            {
                parts.Add(unit);
            }
            else
            {
                partsOfSet[set] = [unit];
                places.Add((null, set));
            }
        }

        return places.ConvertAll(place => place.Unit ?? OfParts(partsOfSet[place.Set], groupOfSet[place.Set]));
    }

    private static WorkUnit OfParts(List<WorkUnit> parts, string group) =>
        new([.. parts.SelectMany(p => p.Ordinals).Order()], parts.Sum(p => p.ExpectedSeconds), parts[0].FixtureKey, group, parts.Exists(p => p.Exclusive))
        {
            Parts = parts,
        };

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

    private static readonly List<GroupDeclaration> NoGroups = [];

    /// <summary>A group as declared on a test or suite: its name, its scope, and the full name of where.</summary>
    private readonly record struct GroupDeclaration(string Name, bool NodeScope, string Where)
    {
        public string Scope => NodeScope ? Mproc.Plugin.PropertyNames.NodeScope : Mproc.Plugin.PropertyNames.WorkerScope;

        /// <summary>The same group with the same scope (declared anywhere).</summary>
        public bool SameAs(GroupDeclaration other) => Name == other.Name && NodeScope == other.NodeScope;
    }

    /// <summary>Whether declarations all name the same group (with one scope or several).</summary>
    private static bool OneName(List<GroupDeclaration> declarations)
    {
        foreach (var declared in declarations)
        {
            if (declared.Name != declarations[0].Name)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a node declares its group with <c>Scope = Node</c>.</summary>
    public static bool DeclaresNodeScope(TestNode node) =>
        NUnitTraits.Property(node, GroupScopeProperty) == Mproc.Plugin.PropertyNames.NodeScope;

    /// <summary>
    /// A node's groups: its own, then its parent's that it does not repeat with the same scope
    /// (shared when it has none).
    /// </summary>
    private static List<GroupDeclaration> WithOwnGroups(TestNode node, List<GroupDeclaration> inherited)
    {
        List<GroupDeclaration>? groups = null;
        var properties = node.Properties;
        for (var p = 0; p + 1 < properties.Count; p += 2)
        {
            if (properties[p] == GroupProperty)
            {
                var declared = new GroupDeclaration(properties[p + 1], DeclaresNodeScope(node), node.FullName);
                if (!(groups ?? NoGroups).Exists(declared.SameAs))
                {
                    (groups ??= []).Add(declared);
                }
            }
        }

        if (groups is null)
        {
            return inherited;
        }

        foreach (var group in inherited)
        {
            if (!groups.Exists(group.SameAs))
            {
                groups.Add(group);
            }
        }

        return groups;
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
