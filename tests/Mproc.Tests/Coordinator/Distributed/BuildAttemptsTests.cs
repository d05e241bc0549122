using Mproc.Coordinator.Distributed;
using Mproc.Coordinator.Results;
using Mproc.Coordinator.Scheduling;
using Mproc.Protocol.Messages;
using Xunit;

namespace Mproc.Tests.Coordinator.Distributed;

/// <summary>What a later attempt of a build runs again, and what the report says of it.</summary>
public sealed class BuildAttemptsTests
{
    // Units 0..4 hold tests 0-1, 2, 3-4, 5, 6.
    private static readonly WorkUnit[] Units =
    [
        new([0, 1], 3, 0, null), new([2], 2, 1, null), new([3, 4], 1, 2, "db"), new([5], 1, 3, null), new([6], 0.5, 4, null),
    ];

    private static StoredResult Result(string status, string label = "", int attempt = 1) =>
        new("n", 0, ResultOrigin.NUnit, new TestOutcome(status, label, "Test", null, null, null, 1, 2, 0.1, 0), attempt);

    private static readonly Dictionary<int, IReadOnlyList<string>> NoneGivenUp = [];

    [Fact]
    public void Choose_UnitsWithAFailedTest_RunAgainWhole_InPlanOrder_AndTheirResultsMoveAside()
    {
        var results = new Dictionary<int, StoredResult>
        {
            [0] = Result("Passed"), [1] = Result("Failed"), [2] = Result("Passed"),
            [3] = Result("Skipped", "Ignored"), [4] = Result("Failed", "Error"), [5] = Result("Warning"), [6] = Result("Failed", "Invalid"),
        };

        var retry = BuildAttempts.Choose(Units, results, NoneGivenUp, 1, 0);

        Assert.Equal([0, 2, 4], retry.Units);
        Assert.Equal(5, retry.Tests);
        Assert.Equal(["0", "1", "3", "4", "6"], retry.SetAside.Select(s => s.Key));
        Assert.All(retry.SetAside, s => Assert.Null(s.Value));
    }

    [Fact]
    public void Choose_NothingFailed_RunsNothingAgain()
    {
        var results = Enumerable.Range(0, 7).ToDictionary(o => o, o => Result(o == 3 ? "Inconclusive" : "Passed"));
        // A test NUnit reports no result for has a result without an outcome: it did not fail.
        results[5] = results[5] with { Outcome = null };

        var retry = BuildAttempts.Choose(Units, results, NoneGivenUp, 1, 0);

        Assert.Empty(retry.Units);
        Assert.Equal(0, retry.Tests);
        Assert.Empty(retry.SetAside);
    }

    [Fact]
    public void Choose_UnitsGivenUpOrWithoutAResult_RunAgain_AndALostUnitsTestsKeepTheFailureTheReportGaveThem()
    {
        var results = new Dictionary<int, StoredResult> { [0] = Result("Passed"), [1] = Result("Passed"), [2] = Result("Passed"), [6] = Result("Passed") };
        var givenUp = new Dictionary<int, IReadOnlyList<string>> { [2] = ["a", "b"] };

        var retry = BuildAttempts.Choose(Units, results, givenUp, 2, 99);

        Assert.Equal([2, 3], retry.Units);
        Assert.Equal(3, retry.Tests);
        Assert.Equal(["3", "4"], retry.SetAside.Select(s => s.Key));
        var lost = BuildRecords.DecodeResult(retry.SetAside[0].Value!);
        Assert.Equal(("b", ResultOrigin.WorkerLost, 2), (lost.Node, lost.Origin, lost.Attempt));
        Assert.True(BuildAttempts.Failed(lost));
        Assert.Equal(("Failed", "Error", 99L), (lost.Outcome!.Status, lost.Outcome.Label, lost.Outcome.EndTicks));
        Assert.StartsWith("lost with node a and node b: its lease expired 2 times", lost.Outcome!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retried_CountsTestsThatFailedInAnyEarlierAttempt_WithTheirHistory()
    {
        var setAside = new Dictionary<string, StoredResult>
        {
            ["1:4"] = Result("Failed", attempt: 1),
            ["2:4"] = Result("Failed", attempt: 2),
            ["1:1"] = Result("Failed", attempt: 1),
            // Ran again only because it shares a unit with test 1: not a retried test.
            ["1:0"] = Result("Passed", attempt: 1),
            ["1:not-a-test"] = Result("Failed"),
        };
        var current = new Dictionary<int, StoredResult>
        {
            [0] = Result("Passed", attempt: 2), [1] = Result("Failed", "Error", attempt: 2), [4] = Result("Passed", attempt: 3),
        };

        var retried = BuildAttempts.Retried(setAside, current);

        Assert.Equal([1, 4], retried.Select(t => t.Ordinal));
        Assert.False(retried[0].PassesNow);
        Assert.True(retried[1].PassesNow);
        Assert.Equal("failed in attempt 1, failed in attempt 2", BuildAttempts.History(retried[0]));
        Assert.Equal("failed in attempt 1, failed in attempt 2, passed in attempt 3", BuildAttempts.History(retried[1]));
    }

    [Fact]
    public void Failed_IsWhatTheSummaryCountsAsFailed()
    {
        Assert.True(BuildAttempts.Failed(Result("Failed")));
        Assert.True(BuildAttempts.Failed(Result("Failed", "Error")));
        Assert.True(BuildAttempts.Failed(Result("Failed", "Invalid")));
        Assert.False(BuildAttempts.Failed(Result("Warning")));
        Assert.False(BuildAttempts.Failed(Result("Skipped", "Ignored")));
        Assert.False(BuildAttempts.Failed(Result("Passed") with { Outcome = null }));
    }
}
