using Mproc.Coordinator.Distributed;
using Mproc.Protocol.Messages;
using Xunit;

namespace Mproc.Tests.Coordinator.Distributed;

/// <summary>The pure parts of build-scoped global fixtures: their records in Redis, the report's words, how a node waits.</summary>
public sealed class FixtureRecordsTests
{
    [Fact]
    public void ARecord_AndAnEvent_ComeBackAsTheyWent()
    {
        var record = new FixtureRecord("node-a", "{\"Token\":\"✓\"}", null);
        Assert.Equal(record, BuildRecords.DecodeFixtureRecord(BuildRecords.Encode(record)));
        var failed = new FixtureRecord("node-a", null, "global fixture X: SetUp threw «boom»");
        Assert.Equal(failed, BuildRecords.DecodeFixtureRecord(BuildRecords.Encode(failed)));
        Assert.Equal(new GlobalFixtureValue(null, failed.Error), failed.ToValue());

        var fixtureEvent = new FixtureEvent("Ns.Database", "b", GlobalFixtureScope.Build, FixtureStage.SetUp, "a", ["one", "two ✓"]);
        var back = BuildRecords.DecodeFixtureEvent(BuildRecords.Encode(fixtureEvent));
        Assert.Equal((fixtureEvent.Fixture, fixtureEvent.Node, fixtureEvent.Scope, fixtureEvent.Stage, fixtureEvent.Lost), (back.Fixture, back.Node, back.Scope, back.Stage, back.Lost));
        Assert.Equal(fixtureEvent.Problems, back.Problems);
        var plain = BuildRecords.DecodeFixtureEvent(BuildRecords.Encode(new FixtureEvent("F", "n", GlobalFixtureScope.Node, FixtureStage.TearDown, null, [])));
        Assert.Equal((GlobalFixtureScope.Node, FixtureStage.TearDown, (string?)null), (plain.Scope, plain.Stage, plain.Lost));
        Assert.Empty(plain.Problems);
    }

    [Fact]
    public void ARecordThatDoesNotDecode_IsOneClearError()
    {
        var error = Assert.Throws<InvalidDataException>(() => BuildRecords.DecodeFixtureEvent([0x93, 0x01]));
        Assert.Contains("another version of nunit-mproc", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FixtureStage.SetUp, GlobalFixtureScope.Build, null, "", "set up on node b")]
    [InlineData(FixtureStage.SetUp, GlobalFixtureScope.Build, "a", "", "set up again on node b after node a was lost")]
    [InlineData(FixtureStage.SetUp, GlobalFixtureScope.Node, null, "", "set up on node b (node scope)")]
    [InlineData(FixtureStage.SetUp, GlobalFixtureScope.Build, null, "global fixture F: SetUp threw X: y", "SetUp failed on node b: global fixture F: SetUp threw X: y")]
    [InlineData(FixtureStage.SetUp, GlobalFixtureScope.Build, "a", "global fixture F: SetUp threw X: y", "SetUp failed on node b after node a was lost: global fixture F: SetUp threw X: y")]
    [InlineData(FixtureStage.TearDown, GlobalFixtureScope.Build, null, "", "torn down on node b")]
    [InlineData(FixtureStage.TearDown, GlobalFixtureScope.Build, null, "global fixture F: TearDown threw X: y", "torn down on node b: global fixture F: TearDown threw X: y")]
    public void AnEvent_IsDescribedWithItsNode(FixtureStage stage, GlobalFixtureScope scope, string? lost, string problem, string expected)
    {
        var fixtureEvent = new FixtureEvent("F", "b", scope, stage, lost, problem.Length == 0 ? [] : [problem]);

        Assert.Equal(expected, fixtureEvent.Describe());
    }

    [Fact]
    public void ProblemsOf_AFixture_AreThoseNamingIt()
    {
        string[] problems = ["global fixture Ns.Db: TearDown threw X: y", "global fixture Ns.DbCache: TearDown threw X: z", "global fixture Ns.Db: not torn down"];

        Assert.Equal([problems[0], problems[2]], BuildFixtures.ProblemsOf("Ns.Db", problems));
        Assert.Empty(BuildFixtures.ProblemsOf("Ns.Other", problems));
    }

    [Fact]
    public void AWaitingNode_AsksSoonAtFirst_LessOftenLater_AndJustAfterTheHoldersLockExpires()
    {
        var plenty = TimeSpan.FromSeconds(30);

        Assert.Equal(TimeSpan.FromMilliseconds(20), FixtureWait.Next(0, plenty));
        Assert.Equal(TimeSpan.FromMilliseconds(40), FixtureWait.Next(1, plenty));
        Assert.Equal(TimeSpan.FromMilliseconds(500), FixtureWait.Next(10, plenty));
        Assert.Equal(TimeSpan.FromMilliseconds(500), FixtureWait.Next(int.MaxValue, plenty));
        Assert.Equal(TimeSpan.FromMilliseconds(105), FixtureWait.Next(10, TimeSpan.FromMilliseconds(100)));
        Assert.Equal(TimeSpan.FromMilliseconds(5), FixtureWait.Next(3, TimeSpan.Zero));
    }

    [Fact]
    public void AWaitingNode_GivesUpOnlyPastTheTestTimeoutAndALeaseTime()
    {
        var lease = TimeSpan.FromSeconds(30);

        Assert.False(FixtureWait.GivesUp(TimeSpan.FromHours(5), null, lease));
        Assert.False(FixtureWait.GivesUp(TimeSpan.FromSeconds(39), TimeSpan.FromSeconds(10), lease));
        Assert.True(FixtureWait.GivesUp(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(10), lease));
    }

    [Fact]
    public void Activity_LeavesOutTheWaitingNode()
    {
        var seen = new Dictionary<string, DateTimeOffset> { ["a"] = DateTimeOffset.FromUnixTimeMilliseconds(1), ["b"] = DateTimeOffset.FromUnixTimeMilliseconds(2) };
        var progress = new BuildProgress(1, 3, 0, 1, new Dictionary<int, string>(), new Dictionary<int, IReadOnlyList<string>>(), 0, seen);
        var aRenewed = progress with { NodesLastSeen = new Dictionary<string, DateTimeOffset>(seen) { ["a"] = DateTimeOffset.FromUnixTimeMilliseconds(9) } };

        Assert.Equal(progress.Activity(exceptNode: "a"), aRenewed.Activity(exceptNode: "a"));
        Assert.NotEqual(progress.Activity(), aRenewed.Activity());
        Assert.NotEqual(progress.Activity(exceptNode: "a"), (progress with { Results = 4 }).Activity(exceptNode: "a"));
        Assert.NotEqual(progress.Activity(), (progress with { Attempt = 2 }).Activity());
    }
}
