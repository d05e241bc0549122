using Mproc.Coordinator.Scheduling;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

/// <summary>--max-fail: once the run stops, the queue hands out nothing more.</summary>
public sealed class SchedulerStopTests
{
    [Fact]
    public void Claim_AfterStop_GrantsNothing_AndSaysTheQueueIsEmpty()
    {
        var scheduler = new Scheduler(100, 2);
        var first = scheduler.ClaimNow(0, 0);
        var unclaimed = scheduler.UnclaimedCount;

        scheduler.Stop();
        var late = scheduler.ClaimNow(1, 0);
        var again = scheduler.ClaimNow(0, first.MineCount);

        Assert.True(first.MineCount > 0);
        Assert.Equal(0, late.MineCount);
        Assert.True(late.QueueEmpty);
        Assert.Equal(0, again.MineCount);
        Assert.True(again.QueueEmpty);
        Assert.Equal(unclaimed, scheduler.UnclaimedCount);
        Assert.Equal(-1, scheduler.OwnerOf(99));
    }

    [Fact]
    public void Stop_AnswersAClaimWaitingForAnExclusiveBlock_WithNothing()
    {
        var units = Enumerable.Range(0, 10).Select(o => new WorkUnit([o], 0, o, null, Exclusive: o >= 5)).ToList();
        var scheduler = new Scheduler(units, 10, 2);
        scheduler.ClaimNow(0, 0);
        Assert.Null(scheduler.Claim(1, 5));
        Assert.True(scheduler.IsWaiting(1));

        scheduler.Stop();

        var (claimant, grant) = Assert.Single(scheduler.TakeAnswers());
        Assert.Equal(1, claimant);
        Assert.Equal(0, grant.MineCount);
        Assert.True(grant.QueueEmpty);
        Assert.False(scheduler.IsWaiting(1));
    }

    [Theory]
    [InlineData(1, 11)]
    [InlineData(3, 12)]
    [InlineData(5, 13)]
    public void StopMidRun_NoTestIsGrantedAfterIt_AndEveryWorkerStillReachesTheEnd(int workers, int seed)
    {
        var simulation = new SchedulerSimulation(500, workers, seed);
        var random = new Random(seed);
        for (var steps = random.Next(1, 20); steps > 0 && simulation.StepRandom(); steps--)
        {
        }

        simulation.Scheduler.Stop();
        var grantedAtStop = simulation.All.Sum(w => w.Granted.Count);
        var unclaimedAtStop = simulation.Scheduler.UnclaimedCount;
        simulation.RunToEnd();

        Assert.Equal(grantedAtStop, simulation.All.Sum(w => w.Granted.Count));
        Assert.Equal(unclaimedAtStop, simulation.Scheduler.UnclaimedCount);
        Assert.True(unclaimedAtStop > 0, "the run stopped with nothing left to stop");
        Assert.All(simulation.All, w => Assert.True(w.Finished));
    }
}
