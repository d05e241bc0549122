using Mproc.Coordinator.Distributed;
using Mproc.Coordinator.Results;
using Mproc.Coordinator.Scheduling;
using Mproc.Protocol.Messages;
using Xunit;

namespace Mproc.Tests.Coordinator.Distributed;

public sealed class BuildRecordsTests
{
    private static readonly TestOutcome Outcome = new("Failed", "Error", "Test", "boom \ud800", "at X", "out", 10, 20, 0.5, 3);

    [Fact]
    public void Settings_Plan_Result_AndShare_ComeBackAsTheyWent()
    {
        var settings = new BuildSettings(42, [new TestTiming("a.dll", "A.B.C", 1.5)]);
        var back = BuildRecords.DecodeSettings(BuildRecords.Encode(settings));
        Assert.Equal(42, back.RandomSeed);
        Assert.Equal(settings.Timings, back.Timings);

        var plan = new BuildPlan([1, 2, 3],
        [
            new WorkUnit([0, 1], 2.5, 7, "db", Exclusive: true),
            new WorkUnit([2, 4], 1.5, 8, "cache") { Parts = [new WorkUnit([2], 1, 8, null), new WorkUnit([4], 0.5, 9, null, Exclusive: true)] },
            new WorkUnit([3], 0, 9, null),
        ]);
        var planBack = BuildRecords.DecodePlan(BuildRecords.Encode(plan));
        Assert.Equal(plan.Discovery, planBack.Discovery);
        Assert.Equal(plan.Units.Select(Describe), planBack.Units.Select(Describe));
        Assert.Null(planBack.Units[0].Parts);

        var result = BuildRecords.DecodeResult(BuildRecords.Encode(new StoredResult("n1", 3, ResultOrigin.WorkerLost, Outcome, Attempt: 2)));
        Assert.Equal(("n1", 3, ResultOrigin.WorkerLost, 2), (result.Node, result.WorkerId, result.Origin, result.Attempt));
        Assert.Equal(Outcome with { Attachments = [] }, result.Outcome! with { Attachments = [] });
        Assert.Null(BuildRecords.DecodeResult(BuildRecords.Encode(new StoredResult("n1", 0, ResultOrigin.NUnit, null))).Outcome);

        var share = BuildRecords.DecodeShare(BuildRecords.Encode(new NodeShare("n2", 4, 10, 1.25, 2.5, [new SuiteFinished(5, Outcome)], Attempt: 3)));
        Assert.Equal(("n2", 4, 10, 1.25, 2.5, 3), (share.Node, share.Workers, share.TestsRun, share.BusySeconds, share.WallSeconds, share.Attempt));
        Assert.Equal(5, Assert.Single(share.Suites).NodeIndex);
    }

    [Fact]
    public void StoredResults_AreKeyedByTheirTestsOrdinal()
    {
        var encoded = BuildRecords.Encode(new StoredResult("n", 0, ResultOrigin.NUnit, Outcome));
        var results = BuildRecords.DecodeResults(new Dictionary<string, byte[]> { ["7"] = encoded, ["0"] = encoded, ["x"] = encoded, ["-1"] = encoded });

        Assert.Equal([0, 7], results.Keys.Order());
    }

    [Fact]
    public void AValueThatDoesNotDecode_IsOneClearError()
    {
        var error = Assert.Throws<InvalidDataException>(() => BuildRecords.DecodePlan([0xc1, 0x00]));
        Assert.Contains("another version of nunit-mproc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePlansHash_IgnoresWhereTheAssemblyIs_ButNotItsTestsOrUnits()
    {
        static AssemblyDiscovery Assembly(string path, string test) => new(path, "net10.0", null, [
            new TestNode(-1, -1, "a", "Assembly", Path.GetFileName(path), path, null, null, "Runnable", 0, []),
            new TestNode(0, 0, "t", "TestMethod", "T", test, "N", "T", "Runnable", 0, []),
        ]);
        WorkUnit[] units = [new WorkUnit([0], 0, 0, null)];

        var here = BuildRecords.Hash([Assembly("/a/x/T.dll", "N.T")], units);
        Assert.Equal(here, BuildRecords.Hash([Assembly("/b/T.dll", "N.T")], units));
        Assert.NotEqual(here, BuildRecords.Hash([Assembly("/a/x/T.dll", "N.U")], units));
        Assert.NotEqual(here, BuildRecords.Hash([Assembly("/a/x/T.dll", "N.T")], [new WorkUnit([0], 0, 0, "g")]));
        Assert.NotEqual(here, BuildRecords.Hash([Assembly("/a/x/T.dll", "N.T")], [new WorkUnit([0], 0, 0, null) { Parts = [new WorkUnit([0], 0, 0, null)] }]));
    }

    private static string Describe(WorkUnit u) =>
        $"{string.Join(',', u.Ordinals)} {u.ExpectedSeconds} {u.FixtureKey} {u.Group} {u.Exclusive} [{string.Join(" | ", (u.Parts ?? []).Select(Describe))}]";

    [Theory]
    [InlineData(10_000, 1, 3, 417)]
    [InlineData(100_000, 3, 1, 1024)]
    [InlineData(200, 3, 1, 17)]
    [InlineData(20, 3, 2, 2)]
    [InlineData(0, 1, 4, 4)]
    public void ANodeAsksForAShareOfWhatIsLeft_AtLeastOneUnitPerWorker(long left, int nodes, int workers, int expected) =>
        Assert.Equal(expected, BuildNode.AskFor(new Reservation([], left, nodes), workers));
}
