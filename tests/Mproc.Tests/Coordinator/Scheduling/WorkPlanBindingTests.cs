using Mproc.Coordinator.Scheduling;
using Mproc.Protocol.Messages;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

/// <summary>Tests bound into one unit (theories, dependency chains, groups) and exclusive units.</summary>
public sealed class WorkPlanBindingTests
{
    /// <summary>Builds a discovered tree in run order; leaves get the next ordinal.</summary>
    private sealed class Tree
    {
        private readonly List<TestNode> _nodes = [];
        private int _ordinal;

        public Tree() => Suite(-1, "Assembly", "Tests.dll");

        public int Suite(int parent, string type, string name, params string[] properties) => Add(parent, -1, type, name, properties);

        public int Test(int parent, string name, params string[] properties) => Add(parent, _ordinal++, "TestMethod", name, properties);

        public AssemblyDiscovery Discovery => new("/x/Tests.dll", "5.0.0", null, _nodes);

        private int Add(int parent, int ordinal, string type, string name, string[] properties)
        {
            var fullName = parent < 0 ? name : $"{_nodes[parent].FullName}.{name}";
            var className = type is "TestFixture" ? fullName : null;
            _nodes.Add(new TestNode(parent, ordinal, $"id{_nodes.Count}", type, name, fullName, className, null, "Runnable", 0, properties));
            return _nodes.Count - 1;
        }
    }

    private static List<string> Shape(Tree tree)
    {
        var (units, error) = WorkPlan.Build([tree.Discovery], []);
        Assert.Null(error);
        return [.. units.Select(Describe)];
    }

    /// <summary>"ordinals group x", and a unit with parts as "ordinals group [part | part]".</summary>
    private static string Describe(WorkUnit u) =>
        string.Join(",", u.Ordinals) + (u.Group is null ? "" : " " + u.Group) + (u.Exclusive ? " x" : "")
        + (u.Parts is null ? "" : " [" + string.Join(" | ", u.Parts.Select(Describe)) + "]");

    private static readonly string[] NodeGroup = [WorkPlan.GroupProperty, "cache", WorkPlan.GroupScopeProperty, "Node"];

    [Fact]
    public void ATheorysCases_AreOneUnit()
    {
        var tree = new Tree();
        var fixture = tree.Suite(0, "TestFixture", "F");
        tree.Test(fixture, "before");
        var theory = tree.Suite(fixture, "Theory", "T");
        tree.Test(theory, "T(1)");
        tree.Test(theory, "T(2)");
        tree.Test(theory, "T(3)");
        var cases = tree.Suite(fixture, "ParameterizedMethod", "P");
        tree.Test(cases, "P(1)");
        tree.Test(cases, "P(2)");

        Assert.Equal(["0", "1,2,3", "4", "5"], Shape(tree));
    }

    [Fact]
    public void ATheoryInsideAGroup_IsPartOfTheGroup()
    {
        var tree = new Tree();
        var fixture = tree.Suite(0, "TestFixture", "F", WorkPlan.GroupProperty, "db");
        var theory = tree.Suite(fixture, "Theory", "T");
        tree.Test(theory, "T(1)");
        tree.Test(theory, "T(2)");
        tree.Test(fixture, "after");
        tree.Test(tree.Suite(0, "TestFixture", "G"), "other");

        Assert.Equal(["0,1,2 db", "3"], Shape(tree));
    }

    [Theory]
    [InlineData("None")]
    [InlineData("None, Children")]
    public void NonParallelizableFixtures_AndTests_AreExclusive_WithEverythingUnderThem(string scope)
    {
        var tree = new Tree();
        var exclusive = tree.Suite(0, "TestFixture", "X", NUnitTraits.ParallelScopeProperty, scope);
        tree.Test(exclusive, "a");
        tree.Test(tree.Suite(exclusive, "ParameterizedMethod", "p"), "p(1)");
        var ordinary = tree.Suite(0, "TestFixture", "O", NUnitTraits.ParallelScopeProperty, "Self");
        tree.Test(ordinary, "b");
        tree.Test(ordinary, "c", NUnitTraits.ParallelScopeProperty, scope);

        Assert.Equal(["0 x", "1 x", "2", "3 x"], Shape(tree));
    }

    [Fact]
    public void ATheoryWithOneNonParallelizableCase_IsOneExclusiveUnit()
    {
        var tree = new Tree();
        var theory = tree.Suite(tree.Suite(0, "TestFixture", "F"), "Theory", "T");
        tree.Test(theory, "T(1)");
        tree.Test(theory, "T(2)", NUnitTraits.ParallelScopeProperty, "None");

        Assert.Equal(["0,1 x"], Shape(tree));
    }

    [Fact]
    public void DependsOnTest_BindsAChainOfSiblings_AndATestOnAParameterizedMethod()
    {
        var tree = new Tree();
        var fixture = tree.Suite(0, "TestFixture", "F");
        tree.Test(fixture, "Install");
        tree.Test(fixture, "Unrelated");
        tree.Test(fixture, "Upgrade", NUnitTraits.DependsOnTestProperty, "Install");
        tree.Test(fixture, "Verify", NUnitTraits.DependsOnTestProperty, "Upgrade");
        var cases = tree.Suite(fixture, "ParameterizedMethod", "Seed");
        tree.Test(cases, "Seed(1)");
        tree.Test(cases, "Seed(2)");
        tree.Test(fixture, "UsesSeed", NUnitTraits.DependsOnTestProperty, "Seed");
        tree.Test(fixture, "Missing", NUnitTraits.DependsOnTestProperty, "NotThere");

        Assert.Equal(["0,2,3", "1", "4,5,6", "7"], Shape(tree));
    }

    [Fact]
    public void DependsOnFixture_BindsWholeFixtures_AcrossAChain()
    {
        var tree = new Tree();
        var ns = tree.Suite(0, "TestSuite", "Ns");
        tree.Test(tree.Suite(ns, "TestFixture", "Db"), "a");
        tree.Test(tree.Suite(ns, "TestFixture", "Other"), "b");
        var schema = tree.Suite(ns, "TestFixture", "Schema", NUnitTraits.DependsOnFixtureProperty, "Tests.dll.Ns.Db");
        tree.Test(schema, "c");
        tree.Test(schema, "d", NUnitTraits.DependsOnTestProperty, "c");
        tree.Test(tree.Suite(ns, "TestFixture", "Data", NUnitTraits.DependsOnFixtureProperty, "Tests.dll.Ns.Schema"), "e");

        Assert.Equal(["0,2,3,4", "1"], Shape(tree));
    }

    [Fact]
    public void ANodeGroup_IsOneUnitAtItsFirstTest_WhoseTestsAreParts_OnePerTest()
    {
        var tree = new Tree();
        var f = tree.Suite(0, "TestFixture", "F", NodeGroup);
        tree.Test(f, "a");
        tree.Test(f, "b");
        tree.Test(tree.Suite(0, "TestFixture", "G"), "c");
        tree.Test(tree.Suite(0, "TestFixture", "H"), "d", NodeGroup);

        Assert.Equal(["0,1,3 cache [0 | 1 | 3]", "2"], Shape(tree));
    }

    [Fact]
    public void ANodeGroupsTestInADependencyChain_BringsTheChainAlong_AsOnePart()
    {
        var tree = new Tree();
        var f = tree.Suite(0, "TestFixture", "F");
        tree.Test(f, "Install");
        tree.Test(f, "Unrelated");
        tree.Test(f, "Verify", [NUnitTraits.DependsOnTestProperty, "Install", .. NodeGroup]);
        tree.Test(tree.Suite(0, "TestFixture", "G", NodeGroup), "other");

        Assert.Equal(["0,2,3 cache [0,2 | 3]", "1"], Shape(tree));
    }

    [Fact]
    public void AWorkerGroupBoundToANodeGroup_IsOnePartOfIt()
    {
        var tree = new Tree();
        var f = tree.Suite(0, "TestFixture", "F");
        tree.Test(f, "Seed", WorkPlan.GroupProperty, "db");
        tree.Test(f, "Reads", [NUnitTraits.DependsOnTestProperty, "Seed", .. NodeGroup]);
        tree.Test(tree.Suite(0, "TestFixture", "G", WorkPlan.GroupProperty, "db"), "more");
        tree.Test(tree.Suite(0, "TestFixture", "H", NodeGroup), "alone");
        tree.Test(tree.Suite(0, "TestFixture", "I"), "free");

        Assert.Equal(["0,1,2,3 cache [0,1,2 db | 3]", "4"], Shape(tree));
    }

    [Fact]
    public void ANodeGroupsNonParallelizableTest_IsAnExclusivePart()
    {
        var tree = new Tree();
        var f = tree.Suite(0, "TestFixture", "F", NodeGroup);
        tree.Test(f, "a");
        tree.Test(f, "b", NUnitTraits.ParallelScopeProperty, "None");

        Assert.Equal(["0,1 cache x [0 | 1 x]"], Shape(tree));
    }

    [Fact]
    public void ScopeWorker_IsTheDefault_SoAGroupGivenItExplicitly_IsBoundAsOne()
    {
        var tree = new Tree();
        tree.Test(tree.Suite(0, "TestFixture", "F", WorkPlan.GroupProperty, "db", WorkPlan.GroupScopeProperty, "Worker"), "a");
        tree.Test(tree.Suite(0, "TestFixture", "G", WorkPlan.GroupProperty, "db"), "b");

        Assert.Equal(["0,1 db"], Shape(tree));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AGroupDeclaredWithTwoScopes_IsAnErrorNamingBothPlaces(bool alongOneTest)
    {
        var tree = new Tree();
        var f = tree.Suite(0, "TestFixture", "F", NodeGroup);
        tree.Test(f, "a");
        var g = alongOneTest ? f : tree.Suite(0, "TestFixture", "G");
        tree.Test(g, "b", WorkPlan.GroupProperty, "cache");

        var (units, error) = WorkPlan.Build([tree.Discovery], []);

        Assert.Empty(units);
        Assert.Equal(
            alongOneTest
                ? "MprocGroup 'cache' is declared with two scopes (Node on Tests.dll.F, Worker on Tests.dll.F.b); give every declaration the same Scope"
                : "MprocGroup 'cache' is declared with two scopes (Node on Tests.dll.F, Worker on Tests.dll.G.b); give every declaration the same Scope",
            error);
    }
}
