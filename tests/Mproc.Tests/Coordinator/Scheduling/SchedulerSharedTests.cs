using Mproc.Coordinator.Scheduling;
using Mproc.Worker.Session;
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
        var fresh = scheduler.ClaimNow(1, 0);
        Assert.Equal([1, 1], fresh.Mine);
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
        var random = new Random(seed);
        var units = new List<WorkUnit>();
        var ordinal = 0;
        while (ordinal < 300)
        {
            var size = random.Next(10) == 0 ? 3 : 1;
            units.Add(new WorkUnit([.. Enumerable.Range(ordinal, size)], 0, units.Count, size > 1 ? "g" + units.Count : null));
            ordinal += size;
        }

        var scheduler = new Scheduler(units, ordinal, workers, shared: true);
        var queue = new Queue<int>(Enumerable.Range(0, units.Count));
        var lostElsewhere = new List<int>();
        var leased = new HashSet<int>();
        var ran = new List<int>();
        var live = new List<Walker>();
        var nextClaimant = 0;
        for (var i = 0; i < workers; i++)
        {
            live.Add(new Walker(nextClaimant++, ordinal));
        }

        var done = false;
        for (var step = 0; step < 200_000 && (live.Count > 0 || scheduler.WantsFreshWorker); step++)
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
            }
            else
            {
                var walkers = live.Where(w => !w.Waiting).ToList();
                if (walkers.Count > 0)
                {
                    walkers[random.Next(walkers.Count)].Step(scheduler, ran);
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
                if (scheduler.WantsFreshWorker)
                {
                    live.Add(new Walker(nextClaimant++, ordinal));
                }
            }
        }

        Assert.True(done, "the shared queue was never done");
        Assert.Empty(live);
        var expected = leased.SelectMany(u => units[u].Ordinals).Order().ToList();
        Assert.Equal(expected, ran.Order().ToList());
    }

    private static List<WorkUnit> SingleTests(int count) =>
        [.. Enumerable.Range(0, count).Select(o => new WorkUnit([o], 0, o, null))];

    /// <summary>A worker walking the tests in order, claiming where it knows nothing, as WorkerSession does.</summary>
    private sealed class Walker(int claimant, int testCount)
    {
        private readonly Ownership _ownership = new(testCount);
        private int _position;

        public int Claimant => claimant;

        public bool Waiting { get; private set; }

        public bool Finished => _position >= testCount;

        public void Step(Scheduler scheduler, List<int> ran)
        {
            if (!_ownership.IsKnown(_position))
            {
                var grant = scheduler.Claim(claimant, _position);
                if (grant is null)
                {
                    Waiting = true;
                    return;
                }

                Answered(grant);
            }

            if (_ownership.IsMine(_position))
            {
                ran.Add(_position);
                scheduler.Finished(_position);
            }

            _position++;
        }

        public void Answered(Grant grant)
        {
            Waiting = false;
            _ownership.Apply(grant.Mine, grant.Taken, grant.QueueEmpty);
            Assert.True(_ownership.IsKnown(_position), $"claimant {claimant}: the answer at {_position} left it undecided");
        }
    }
}
