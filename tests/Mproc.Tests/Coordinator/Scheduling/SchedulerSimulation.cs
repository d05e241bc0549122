using Mproc.Coordinator.Scheduling;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

/// <summary>
/// Drives one <see cref="Scheduler"/> with simulated workers in a seeded random interleaving and
/// checks every grant against the scheduler's promises as it is made.
/// </summary>
internal sealed class SchedulerSimulation
{
    private readonly Random _random;
    private readonly int[] _grantedTo;
    private readonly List<SimulatedWorker> _live = [];
    private int _nextClaimant;

    public SchedulerSimulation(int testCount, int workerCount, int seed)
    {
        Scheduler = new Scheduler(testCount, workerCount);
        WorkerCount = workerCount;
        _random = new Random(seed);
        _grantedTo = new int[testCount];
        Array.Fill(_grantedTo, -1);
        for (var i = 0; i < workerCount; i++)
        {
            StartWorker();
        }
    }

    public Scheduler Scheduler { get; }

    public int WorkerCount { get; }

    public List<SimulatedWorker> All { get; } = [];

    public IReadOnlyList<SimulatedWorker> Live => _live;

    /// <summary>Ordinals given back by <see cref="Kill"/>.</summary>
    public HashSet<int> Released { get; } = [];

    public static IEnumerable<int> Expand(IReadOnlyList<int> ranges)
    {
        for (var i = 0; i + 1 < ranges.Count; i += 2)
        {
            for (var o = ranges[i]; o < ranges[i] + ranges[i + 1]; o++)
            {
                yield return o;
            }
        }
    }

    public SimulatedWorker StartWorker()
    {
        var worker = new SimulatedWorker(this, _nextClaimant++);
        All.Add(worker);
        _live.Add(worker);
        return worker;
    }

    /// <summary>Advances a random live worker by a random number of tests; false when all are finished.</summary>
    public bool StepRandom()
    {
        _live.RemoveAll(w => w.Finished);
        if (_live.Count == 0)
        {
            return false;
        }

        var worker = _live[_random.Next(_live.Count)];
        var steps = _random.Next(1, 1 + Math.Max(1, Scheduler.TestCount / 50));
        for (var i = 0; i < steps && !worker.Finished; i++)
        {
            worker.Step();
        }

        return true;
    }

    public void RunToEnd()
    {
        while (StepRandom())
        {
        }
    }

    public SimulatedWorker? RandomLiveWorker()
    {
        _live.RemoveAll(w => w.Finished);
        return _live.Count == 0 ? null : _live[_random.Next(_live.Count)];
    }

    /// <summary>The worker dies: the tests it was granted but did not run go back to the queue.</summary>
    public void Kill(SimulatedWorker worker)
    {
        _live.Remove(worker);
        var lost = worker.Granted.Except(worker.Ran).ToList();
        Scheduler.Release(lost);
        foreach (var ordinal in lost)
        {
            _grantedTo[ordinal] = -1;
            Released.Add(ordinal);
        }
    }

    /// <summary>One claim, checked against what the scheduler promises.</summary>
    public Grant Claim(SimulatedWorker worker, int position)
    {
        var claimant = worker.Claimant;
        var unclaimedBefore = Scheduler.UnclaimedCount;
        var unclaimedAtOrAfter = CountUnclaimedFrom(position);
        var grant = Scheduler.ClaimNow(claimant, position);
        if (Scheduler.Stopped)
        {
            Assert.Equal(0, grant.MineCount);
            Assert.True(grant.QueueEmpty);
            return grant;
        }

        var batch = Math.Max(1, (int)Math.Ceiling(unclaimedBefore / (2.0 * WorkerCount)));
        Assert.Equal(Math.Min(batch, unclaimedAtOrAfter), grant.MineCount);
        foreach (var ordinal in Expand(grant.Mine))
        {
            Assert.True(ordinal >= position, $"claimant {claimant} at {position} was granted {ordinal}, behind its position");
            Assert.True(_grantedTo[ordinal] == -1, $"test {ordinal} granted to {claimant} was already granted to {_grantedTo[ordinal]}");
            Assert.Equal(claimant, Scheduler.OwnerOf(ordinal));
            _grantedTo[ordinal] = claimant;
        }

        foreach (var ordinal in Expand(grant.Taken))
        {
            var owner = Scheduler.OwnerOf(ordinal);
            Assert.True(owner >= 0 && owner != claimant, $"claimant {claimant} was told {ordinal} is taken, but its owner is {owner}");
            Assert.Equal(owner, _grantedTo[ordinal]);
        }

        Assert.Equal(CountUnclaimedFrom(position) == 0, grant.QueueEmpty);
        Assert.Equal(unclaimedBefore - grant.MineCount, Scheduler.UnclaimedCount);
        return grant;
    }

    public int GrantedTo(int ordinal) => _grantedTo[ordinal];

    private int CountUnclaimedFrom(int position)
    {
        var count = 0;
        for (var o = position; o < Scheduler.TestCount; o++)
        {
            if (Scheduler.OwnerOf(o) == -1)
            {
                count++;
            }
        }

        return count;
    }
}
