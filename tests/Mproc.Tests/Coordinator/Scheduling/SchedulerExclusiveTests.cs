using Mproc.Coordinator.Scheduling;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

/// <summary>Exclusive units (NUnit's non-parallelizable tests) run while no other worker runs a test.</summary>
public sealed class SchedulerExclusiveTests
{
    /// <summary>Single-test units over <paramref name="tests"/> ordinals, ten to a fixture; those in <paramref name="exclusive"/> exclusive.</summary>
    private static List<WorkUnit> Units(int tests, HashSet<int> exclusive, double[]? seconds = null) =>
        [.. Enumerable.Range(0, tests).Select(o => new WorkUnit([o], seconds?[o] ?? 0, o / 10, null, exclusive.Contains(o)))];

    public static TheoryData<string, int, int> Layouts() => new()
    {
        { "start", 3, 1 },
        { "start", 4, 2 },
        { "middle", 3, 3 },
        { "end", 3, 4 },
        { "scattered", 2, 5 },
        { "scattered", 3, 6 },
        { "scattered", 5, 7 },
        { "all", 3, 8 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ExclusiveTests_NeverOverlapAnyOtherTest_AndEveryTestRunsOnce(string layout, int workers, int seed)
    {
        const int tests = 300;
        var random = new Random(seed);
        var exclusive = layout switch
        {
            "start" => Enumerable.Range(0, 20).ToHashSet(),
            "middle" => Enumerable.Range(140, 15).ToHashSet(),
            "end" => Enumerable.Range(280, 20).ToHashSet(),
            "all" => Enumerable.Range(0, tests).ToHashSet(),
            _ => Enumerable.Range(0, 12).Select(_ => random.Next(tests)).ToHashSet(),
        };
        var seconds = Enumerable.Range(0, tests).Select(_ => 0.01 + random.NextDouble()).ToArray();

        var result = TimedSimulation.Run(Units(tests, exclusive, seconds), tests, workers, seconds);

        Assert.All(result.RanBy, w => Assert.InRange(w, 0, workers - 1));
        foreach (var e in exclusive)
        {
            for (var o = 0; o < tests; o++)
            {
                if (o != e)
                {
                    Assert.False(
                        result.Starts[o] < result.Ends[e] && result.Starts[e] < result.Ends[o],
                        $"exclusive test {e} [{result.Starts[e]:F3}, {result.Ends[e]:F3}) overlaps test {o} [{result.Starts[o]:F3}, {result.Ends[o]:F3})");
                }
            }
        }
    }

    [Fact]
    public void ExclusiveBlockAtTheStart_CostsLittleMoreThanRunningItAlone()
    {
        const int tests = 400;
        var random = new Random(3);
        var seconds = Enumerable.Range(0, tests).Select(_ => 0.01 + random.NextDouble()).ToArray();
        var exclusive = Enumerable.Range(0, 30).ToHashSet();

        var result = TimedSimulation.Run(Units(tests, exclusive, seconds), tests, 3, seconds);

        // The block alone, then the rest shared by three: a lower bound the schedule should nearly meet.
        var block = exclusive.Sum(o => seconds[o]);
        var lowerBound = block + (seconds.Sum() - block) / 3;
        Assert.True(result.Makespan <= lowerBound * 1.05, $"makespan {result.Makespan:F3}s vs lower bound {lowerBound:F3}s");
    }

    [Fact]
    public void Claim_ExclusiveWhileAnotherHoldsUnfinishedWork_WaitsUntilItsResultsAreIn()
    {
        var scheduler = new Scheduler(Units(10, new HashSet<int> { 4, 5 }), 10, 2);
        Assert.Equal([0, 3], scheduler.ClaimNow(0, 0).Mine); // stops before the exclusive tests

        Assert.Null(scheduler.Claim(1, 4));
        Assert.True(scheduler.IsWaiting(1));
        scheduler.Finished(0);
        scheduler.Finished(1);
        Assert.Empty(scheduler.TakeAnswers());
        scheduler.Finished(2);

        var (claimant, grant) = Assert.Single(scheduler.TakeAnswers());
        Assert.Equal(1, claimant);
        Assert.Equal([4, 2], grant.Mine); // the whole block, and nothing after it
    }

    [Fact]
    public void Claim_OrdinaryWorkWhileABlockRuns_WaitsForTheBlocksLastResult()
    {
        var scheduler = new Scheduler(Units(10, new HashSet<int> { 0, 1 }), 10, 2);
        Assert.Equal([0, 2], scheduler.ClaimNow(0, 0).Mine);

        Assert.Null(scheduler.Claim(1, 0));
        scheduler.Finished(0);
        Assert.Empty(scheduler.TakeAnswers());
        scheduler.Finished(1);

        var (claimant, grant) = Assert.Single(scheduler.TakeAnswers());
        Assert.Equal(1, claimant);
        Assert.Equal([0, 2], grant.Taken);
        Assert.Equal(2, grant.Mine[0]);
    }

    [Fact]
    public void Claim_OrdinaryWhileAnotherWaitsForABlock_WaitsSoTheBlockCanStart()
    {
        var scheduler = new Scheduler(Units(20, new HashSet<int> { 10 }), 20, 3);
        scheduler.ClaimNow(0, 0);          // 0-3
        Assert.Null(scheduler.Claim(1, 10)); // waits for worker 0's tests

        // Worker 2 would get ordinary work; it waits instead, so the block is not delayed further.
        Assert.Null(scheduler.Claim(2, 4));
        for (var o = 0; o < 4; o++)
        {
            scheduler.Finished(o);
        }

        var (claimant, grant) = Assert.Single(scheduler.TakeAnswers());
        Assert.Equal(1, claimant);
        Assert.Equal([10, 1], grant.Mine);
        scheduler.Finished(10);
        Assert.Equal(2, Assert.Single(scheduler.TakeAnswers()).Claimant);
    }

    [Fact]
    public void Claim_PassingUnfinishedGrants_CountsThemAsNeverToRun()
    {
        var scheduler = new Scheduler(Units(10, new HashSet<int> { 8 }), 10, 2);
        scheduler.ClaimNow(0, 0); // 0-2; NUnit reports no result for 1 and 2 (say, a skipped suite)
        scheduler.Finished(0);
        Assert.Null(scheduler.Claim(1, 8));

        // Worker 0 reaches 3: it has passed 1 and 2, and now waits too; so worker 1 may start the block.
        Assert.Null(scheduler.Claim(0, 3));
        var (claimant, grant) = Assert.Single(scheduler.TakeAnswers());
        Assert.Equal(1, claimant);
        Assert.Equal([8, 1], grant.Mine);
    }

    [Fact]
    public void Leave_OfAWorkerHoldingUnfinishedWork_LetsTheWaitingBlockStart()
    {
        var scheduler = new Scheduler(Units(10, new HashSet<int> { 5 }), 10, 2);
        var lost = SchedulerSimulation.Expand(scheduler.ClaimNow(0, 0).Mine).ToList();
        Assert.Null(scheduler.Claim(1, 5));

        scheduler.Release(lost);
        scheduler.Leave(0);

        Assert.Equal(1, Assert.Single(scheduler.TakeAnswers()).Claimant);
    }

    [Fact]
    public void Leave_OfTheBlockHolder_EndsTheBlock()
    {
        var scheduler = new Scheduler(Units(10, new HashSet<int> { 0, 1 }), 10, 2);
        scheduler.ClaimNow(0, 0);
        Assert.Null(scheduler.Claim(1, 0));

        scheduler.Release([0, 1]);
        scheduler.Leave(0);

        var (claimant, grant) = Assert.Single(scheduler.TakeAnswers());
        Assert.Equal(1, claimant);
        Assert.Equal([0, 2], grant.Mine); // the replacement's turn: the block again
    }
}
