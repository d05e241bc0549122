using Mproc.Coordinator.Scheduling;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

/// <summary>
/// A machine's scheduler in a build shared by several machines: only leased units are handed out,
/// claims with nothing leased ahead wait, and a unit leased behind every worker goes to a fresh one.
/// </summary>
public sealed class SchedulerSharedTests
{
    [Fact]
    public void NothingIsHandedOut_BeforeALease_AndTheClaimWaits()
    {
        var scheduler = new Scheduler(SingleTests(10), 10, 2, shared: true);

        Assert.Null(scheduler.Claim(0, 0));
        Assert.Equal(-2, scheduler.OwnerOf(0));

        scheduler.Leased(3);

        var (claimant, grant) = Assert.Single(scheduler.TakeAnswers());
        Assert.Equal(0, claimant);
        Assert.Equal([3, 1], grant.Mine);
        Assert.Equal([0, 3], grant.Taken);
        Assert.False(grant.QueueEmpty);
    }

    [Fact]
    public void TheQueueIsEmpty_OnlyWhenTheSharedQueueSaysSo()
    {
        var scheduler = new Scheduler(SingleTests(4), 4, 1, shared: true);
        scheduler.Leased(0);
        var first = scheduler.ClaimNow(0, 0);
        Assert.False(first.QueueEmpty);

        Assert.Null(scheduler.Claim(0, 1));
        scheduler.SharedQueueDone();

        var (_, last) = Assert.Single(scheduler.TakeAnswers());
        Assert.Equal(0, last.MineCount);
        Assert.Equal([1, 3], last.Taken);
        Assert.True(last.QueueEmpty);
        Assert.False(scheduler.WantsFreshWorker);
        Assert.True(scheduler.SharedQueueFinished);
    }

    [Fact]
    public void AUnitLeasedBehindTheWorker_EndsIt_AndAFreshWorkerTakesIt()
    {
        var scheduler = new Scheduler(SingleTests(6), 6, 1, shared: true);
        scheduler.Leased(4);
        scheduler.ClaimNow(0, 0);
        Assert.Null(scheduler.Claim(0, 5));

        // Another machine lost unit 1; this one leases it after its worker passed it.
        scheduler.Leased(1);

        var (_, told) = Assert.Single(scheduler.TakeAnswers());
        Assert.Equal(0, told.MineCount);
        Assert.True(told.QueueEmpty);
        scheduler.Leave(0);
        Assert.True(scheduler.WantsFreshWorker);
        Assert.False(scheduler.SharedQueueFinished);
        var fresh = scheduler.ClaimNow(1, 0);
        Assert.Equal([1, 1], fresh.Mine);
    }

    [Fact]
    public void AClaimInsideAnotherWorkersTests_IsAnsweredAtOnce_SoTheWorkerReachesTheRestOfItsGroup()
    {
        // A group's tests need not be next to each other: 0 and 3 here.
        List<WorkUnit> units = [new([0, 3], 0, 0, "db"), new([1], 0, 1, null), new([2], 0, 2, null)];
        var scheduler = new Scheduler(units, 4, 2, shared: true);
        scheduler.Leased(0);
        scheduler.Leased(1);
        Assert.Equal([0, 1, 3, 1], scheduler.ClaimNow(0, 0).Mine);
        scheduler.ClaimNow(1, 1);

        // Worker 0 ran test 0 and reaches 1, which worker 1 has; its 3 is further on. Unit 2 is
        // not leased yet, and the shared queue is not done.
        var grant = scheduler.Claim(0, 1);

        Assert.NotNull(grant);
        Assert.Equal([1, 1], grant.Taken);
        Assert.Equal(0, grant.MineCount);
        Assert.False(grant.QueueEmpty);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    [InlineData(2, 5)]
    [InlineData(3, 6)]
    public void RandomInterleavings_RunEveryLeasedTestOnce_AndNoOtherTest(int workers, int seed)
    {
        const int testCount = 300;
        var random = new Random(seed);

        // Groups whose tests are scattered (as NUnit's tree puts a group's fixtures apart), the rest single tests.
        var groupOf = new int[testCount];
        Array.Fill(groupOf, -1);
        for (var g = 0; g < 15; g++)
        {
            for (var k = random.Next(2, 5); k > 0; k--)
            {
                groupOf[random.Next(testCount)] = g;
            }
        }

        var units = Enumerable.Range(0, testCount).Where(o => groupOf[o] < 0).Select(o => new WorkUnit([o], 0, o, null))
            .Concat(Enumerable.Range(0, 15).Select(g => Enumerable.Range(0, testCount).Where(o => groupOf[o] == g).ToList())
                .Where(members => members.Count > 0)
                .Select(members => new WorkUnit(members, 0, members[0], "g")))
            .OrderBy(u => u.First)
            .ToList();

        var scheduler = new Scheduler(units, testCount, workers, shared: true);
        var queue = new Queue<int>(Enumerable.Range(0, units.Count));
        var lostElsewhere = new List<int>();
        var leased = new HashSet<int>();
        var live = new List<SharedWalker>();
        var everyone = new List<SharedWalker>();
        for (var i = 0; i < workers; i++)
        {
            live.Add(new SharedWalker(everyone.Count, testCount));
            everyone.Add(live[^1]);
        }

        var done = false;
        for (var step = 0; step < 200_000 && !(done && live.Count == 0); step++)
        {
            var choice = random.Next(10);
            if (choice < 3 && !done)
            {
                // The shared queue leases the next unit to this machine or to another one, or a unit another machine lost.
                if (lostElsewhere.Count > 0 && random.Next(4) == 0)
                {
                    var unit = lostElsewhere[random.Next(lostElsewhere.Count)];
                    lostElsewhere.Remove(unit);
                    leased.Add(unit);
                    scheduler.Leased(unit);
                }
                else if (queue.TryDequeue(out var unit))
                {
                    if (random.Next(2) == 0)
                    {
                        leased.Add(unit);
                        scheduler.Leased(unit);
                    }
                    else if (random.Next(8) == 0)
                    {
                        lostElsewhere.Add(unit);
                    }
                }
                else if (lostElsewhere.Count == 0)
                {
                    done = true;
                    scheduler.SharedQueueDone();
                }
                else
                {
                    scheduler.AllHandedOut();
                }
            }
            else
            {
                var walkers = live.Where(w => !w.Waiting).ToList();
                if (walkers.Count > 0)
                {
                    walkers[random.Next(walkers.Count)].Step(scheduler);
                }
            }

            foreach (var (claimant, grant) in scheduler.TakeAnswers())
            {
                live.Single(w => w.Claimant == claimant).Answered(grant);
            }

            foreach (var finished in live.Where(w => w.Finished).ToList())
            {
                live.Remove(finished);
                scheduler.Leave(finished.Claimant);
            }

            // A slot whose worker ended starts again when there is open work (as the node does).
            while (live.Count < workers && scheduler.WantsFreshWorker)
            {
                live.Add(new SharedWalker(everyone.Count, testCount));
                everyone.Add(live[^1]);
            }
        }

        Assert.True(done, "the shared queue was never done");
        Assert.Empty(live);
        var expected = leased.SelectMany(u => units[u].Ordinals).Order().ToList();
        Assert.Equal(expected, everyone.SelectMany(w => w.Ran).Order().ToList());
    }

    private static List<WorkUnit> SingleTests(int count) =>
        [.. Enumerable.Range(0, count).Select(o => new WorkUnit([o], 0, o, null))];
}
