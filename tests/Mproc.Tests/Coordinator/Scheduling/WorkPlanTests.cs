using Mproc.Coordinator.Scheduling;
using Mproc.Protocol.Messages;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

public sealed class WorkPlanTests
{
    /// <summary>
    /// An assembly of two fixtures: A (tests A.t0..A.t2, ordinals 0-2) and B (B.t0..B.t2, ordinals
    /// 3-5); <paramref name="groups"/> puts MprocGroup properties on nodes by full name.
    /// </summary>
    private static AssemblyDiscovery Assembly(string path = "/x/Tests.dll", int ordinalOffset = 0, params (string Node, string Group)[] groups)
    {
        var nodes = new List<TestNode>();
        void Add(int parent, int ordinal, string type, string fullName) =>
            nodes.Add(new TestNode(parent, ordinal, $"id{nodes.Count}", type, fullName, fullName, null, null, "Runnable", 0,
                [.. groups.Where(g => g.Node == fullName).SelectMany(g => new[] { WorkPlan.GroupProperty, g.Group })]));
        Add(-1, -1, "Assembly", "Tests.dll");
        var ordinal = ordinalOffset;
        foreach (var fixture in new[] { "A", "B" })
        {
            var fixtureIndex = nodes.Count;
            Add(0, -1, "TestFixture", fixture);
            for (var t = 0; t < 3; t++)
            {
                Add(fixtureIndex, ordinal++, "TestMethod", $"{fixture}.t{t}");
            }
        }

        return new AssemblyDiscovery(path, "4.4.0", null, nodes);
    }

    [Fact]
    public void WithoutGroups_EveryTestIsItsOwnUnit_InRunOrder_WithItsFixture()
    {
        var (units, error) = WorkPlan.Build([Assembly()], []);

        Assert.Null(error);
        Assert.Equal([0, 1, 2, 3, 4, 5], units.Select(u => u.First));
        Assert.All(units, u => Assert.Single(u.Ordinals));
        Assert.Equal(units[0].FixtureKey, units[2].FixtureKey);
        Assert.NotEqual(units[2].FixtureKey, units[3].FixtureKey);
    }

    [Fact]
    public void AGroupOnAFixtureAndOneOnATestElsewhere_AreOneUnitEach_AtTheirFirstTest()
    {
        var (units, error) = WorkPlan.Build([Assembly("/x/Tests.dll", 0, ("B", "db"), ("A.t1", "db"), ("A.t2", "files"))], []);

        Assert.Null(error);
        Assert.Equal(["0", "1,3,4,5 db", "2 files"], units.Select(u => string.Join(",", u.Ordinals) + (u.Group is null ? "" : " " + u.Group)));
    }

    [Fact]
    public void ATestInTwoGroups_IsAnErrorNamingItAndBothGroups()
    {
        var (units, error) = WorkPlan.Build([Assembly("/x/Tests.dll", 0, ("A", "db"), ("A.t1", "files"))], []);

        Assert.Empty(units);
        Assert.Equal("A.t1 is in more than one MprocGroup ('files', 'db'); a test can be in one group only", error);
    }

    [Fact]
    public void TheSameGroupTwiceAlongATestsAncestry_IsOneGroup()
    {
        var (units, error) = WorkPlan.Build([Assembly("/x/Tests.dll", 0, ("A", "db"), ("A.t1", "db"))], []);

        Assert.Null(error);
        Assert.Equal([3, 1, 1, 1], units.Select(u => u.Ordinals.Count));
    }

    [Fact]
    public void Durations_ComeFromTheSameAssemblysTimings_TheRestGetTheirMean_GroupsTheirSum()
    {
        TestTiming[] timings =
        [
            new("Tests.dll", "A.t0", 1.0),
            new("Tests.dll", "A.t1", 9.0),
            new("Tests.dll", "A.t1", 3.0), // a later entry wins
            new("Other.dll", "A.t2", 100.0),
        ];

        var (units, _) = WorkPlan.Build([Assembly("/x/Tests.dll", 0, ("B", "db"))], WorkPlan.ByAssembly(timings));

        Assert.Equal([1.0, 3.0, 2.0, 6.0], units.Select(u => u.ExpectedSeconds));
    }

    [Fact]
    public void SeveralAssemblies_KeepTheirOrdinalsAndDistinctFixtures()
    {
        var (units, error) = WorkPlan.Build([Assembly("/x/One.dll"), Assembly("/y/Two.dll", 6)], []);

        Assert.Null(error);
        Assert.Equal(Enumerable.Range(0, 12), units.Select(u => u.First));
        Assert.Equal(4, units.Select(u => u.FixtureKey).Distinct().Count());
    }
}
