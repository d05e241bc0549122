using Mproc.Coordinator.Scheduling;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

/// <summary>
/// A group with <c>Scope = Node</c> is one unit of parts: leased whole by one machine, its parts
/// handed to any of that machine's workers, side by side.
/// </summary>
public sealed class SchedulerNodeGroupTests
{
    /// <summary>Tests 0..7 of 1 s each in two fixtures (0-3, 4-7); tests 0, 1, 4, 5 in one group of the given scope; 8..11 short singles.</summary>
    private static (List<WorkUnit> Units, double[] Seconds) GroupAcrossTwoFixtures(bool nodeScope)
    {
        var seconds = Enumerable.Range(0, 12).Select(o => o < 8 ? 1.0 : 0.1).ToArray();
        int[] members = [0, 1, 4, 5];
        var singles = Enumerable.Range(0, 12).Except(members).Select(o => new WorkUnit([o], seconds[o], o < 4 ? 0 : o < 8 ? 1 : o, null));
        var parts = members.Select(o => new WorkUnit([o], seconds[o], o < 4 ? 0 : 1, null)).ToList();
        var group = nodeScope
            ? new WorkUnit(members, 4.0, 0, "cache") { Parts = parts }
            : new WorkUnit(members, 4.0, 0, "cache");
        return ([.. singles.Append(group).OrderBy(u => u.First)], seconds);
    }

    [Fact]
    public void NodeGroup_OnOneMachine_RunsItsTestsInSeveralWorkersAtOnce_WhereAWorkerGroupRunsInOne()
    {
        var (nodeUnits, seconds) = GroupAcrossTwoFixtures(nodeScope: true);
        var (workerUnits, _) = GroupAcrossTwoFixtures(nodeScope: false);

        var spread = TimedSimulation.Run(nodeUnits, 12, 4, seconds);
        var serial = TimedSimulation.Run(workerUnits, 12, 4, seconds);

        int[] members = [0, 1, 4, 5];
        Assert.True(members.Select(o => spread.RanBy[o]).Distinct().Count() >= 2, string.Join(",", spread.RanBy));
        Assert.Contains(members, a => members.Any(b => a != b && spread.Starts[a] < spread.Ends[b] && spread.Starts[b] < spread.Ends[a]));
        Assert.Single(members.Select(o => serial.RanBy[o]).Distinct());
        Assert.True(spread.Makespan < serial.Makespan, $"{spread.Makespan} vs {serial.Makespan}");
        Assert.All(spread.RanBy, w => Assert.InRange(w, 0, 3));
    }

    [Fact]
    public void Units_AreThePlansUnits_AUnitWithPartsIsOne()
    {
        var (units, _) = GroupAcrossTwoFixtures(nodeScope: true);
        var scheduler = new Scheduler(units, 12, 2);

        Assert.Equal(9, scheduler.Units.Count);
        Assert.Equal([0, 1, 4, 5], scheduler.Units[0].Ordinals);
    }

    [Fact]
    public void Shared_ALeaseOfAUnitWithParts_OpensAllItsTests_ForAnyWorker_AndNothingElse()
    {
        // Plan: the group (parts 0, 2, 4: its tests lie apart), then single tests 1, 3, 5.
        List<WorkUnit> units =
        [
            new([0, 2, 4], 0, 0, "cache") { Parts = [new([0], 0, 0, null), new([2], 0, 2, null), new([4], 0, 4, null)] },
            new([1], 0, 1, null),
            new([3], 0, 3, null),
            new([5], 0, 5, null),
        ];
        var scheduler = new Scheduler(units, 6, 2, shared: true);
        Assert.Null(scheduler.Claim(0, 0));

        scheduler.Leased(0);

        var (first, grant) = Assert.Single(scheduler.TakeAnswers());
        Assert.Equal(0, first);
        Assert.Equal([0, 1], grant.Mine);
        var second = scheduler.ClaimNow(1, 0);
        Assert.Equal([2, 1], second.Mine);
        Assert.Equal([0, 1], second.Taken);
        Assert.Equal(1, scheduler.UnclaimedCount);
        Assert.Equal(Scheduler.HeldElsewhere, scheduler.OwnerOf(1));
        Assert.Equal(Scheduler.HeldElsewhere, scheduler.OwnerOf(3));
    }

    [Fact]
    public void Shared_AClaimAtATestNotYetLeased_WaitsForTheNextLease_ThoughPartsLieOpenAheadOfIt()
    {
        // Plan: the group (parts 0 and 3), then single tests 1 and 2 between its parts.
        List<WorkUnit> units =
        [
            new([0, 3], 0, 0, "cache") { Parts = [new([0], 0, 0, null), new([3], 0, 3, null)] },
            new([1], 0, 1, null),
            new([2], 0, 2, null),
        ];
        var scheduler = new Scheduler(units, 4, 2, shared: true);
        scheduler.Leased(0);
        Assert.Equal([0, 1], scheduler.ClaimNow(0, 0).Mine);
        Assert.False(scheduler.WaitsForLease);

        // Worker 0 reaches 1: another machine may lease it, so it must not pass it for test 3.
        Assert.Null(scheduler.Claim(0, 1));
        Assert.True(scheduler.WaitsForLease);

        scheduler.Leased(2);

        var (_, grant) = Assert.Single(scheduler.TakeAnswers());
        Assert.Equal([1, 1], grant.Taken);
        Assert.Equal([2, 1], grant.Mine);
        Assert.False(scheduler.WaitsForLease);
    }

    [Fact]
    public void Shared_APartWhoseWorkerDied_GoesBackToTheQueue_AndAFreshWorkerRunsIt()
    {
        List<WorkUnit> units =
        [
            new([0, 1, 2, 3], 0, 0, "cache") { Parts = [new([0], 0, 0, null), new([1], 0, 0, null), new([2], 0, 0, null), new([3], 0, 0, null)] },
        ];
        var scheduler = new Scheduler(units, 4, 2, shared: true);
        scheduler.Leased(0);
        Assert.Equal([0, 1], scheduler.ClaimNow(0, 0).Mine);
        Assert.Equal([1, 1], scheduler.ClaimNow(1, 0).Mine);

        // Worker 1 dies before running test 1.
        scheduler.Release([1]);
        scheduler.Leave(1);

        var fresh = scheduler.ClaimNow(2, 0);
        Assert.Equal(2, scheduler.OwnerOf(1));
        Assert.Contains(1, SchedulerSimulation.Expand(fresh.Mine));
    }

    [Fact]
    public void PartsThatDoNotHoldTheUnitsTests_AreRejected()
    {
        List<WorkUnit> units = [new([0, 1], 0, 0, "cache") { Parts = [new([0], 0, 0, null)] }, new([2], 0, 2, null)];

        Assert.Throws<ArgumentException>(() => new Scheduler(units, 3, 2));
    }

    [Theory]
    [InlineData(2, 11)]
    [InlineData(3, 12)]
    [InlineData(4, 13)]
    public void Shared_RandomLeases_RunEveryLeasedTestOnce_AndAGroupsPartsSpread(int workers, int seed)
    {
        const int testCount = 120;
        var random = new Random(seed);
        var groupOf = new int[testCount];
        Array.Fill(groupOf, -1);
        for (var g = 0; g < 6; g++)
        {
            for (var k = 0; k < 8; k++)
            {
                groupOf[random.Next(testCount)] = g;
            }
        }

        var units = Enumerable.Range(0, testCount).Where(o => groupOf[o] < 0).Select(o => new WorkUnit([o], 1, o, null))
            .Concat(Enumerable.Range(0, 6).Select(g => Enumerable.Range(0, testCount).Where(o => groupOf[o] == g).ToList())
                .Where(members => members.Count > 0)
                .Select(members => new WorkUnit(members, members.Count, members[0], "g") { Parts = [.. members.Select(o => new WorkUnit([o], 1, o, null))] }))
            .OrderBy(u => u.First)
            .ToList();

        var scheduler = new Scheduler(units, testCount, workers, shared: true);
        var leased = new HashSet<int>();
        var walkers = Enumerable.Range(0, workers).Select(w => new SharedWalker(w, testCount)).ToList();
        var queue = new Queue<int>(Enumerable.Range(0, units.Count));
        var done = false;
        for (var step = 0; step < 100_000 && !(done && walkers.TrueForAll(w => w.Finished)); step++)
        {
            if (!done && random.Next(6) == 0)
            {
                if (queue.TryDequeue(out var unit))
                {
                    // This machine leases about half the units; another machine the rest.
                    if (random.Next(2) == 0)
                    {
                        leased.Add(unit);
                        scheduler.Leased(unit);
                    }
                }
                else
                {
                    done = true;
                    scheduler.SharedQueueDone();
                }
            }
            else
            {
                var ready = walkers.Where(w => !w.Waiting && !w.Finished).ToList();
                if (ready.Count > 0)
                {
                    ready[random.Next(ready.Count)].Step(scheduler);
                }
            }

            foreach (var (claimant, grant) in scheduler.TakeAnswers())
            {
                walkers[claimant].Answered(grant);
            }
        }

        Assert.True(done && walkers.TrueForAll(w => w.Finished), "the run did not end");
        var runs = walkers.SelectMany(w => w.Ran.Select(o => (Ordinal: o, w.Claimant))).ToList();
        Assert.Equal(leased.SelectMany(u => scheduler.Units[u].Ordinals).Order(), runs.Select(r => r.Ordinal).Order());
        var ranBy = runs.ToDictionary(r => r.Ordinal, r => r.Claimant);
        var leasedGroups = leased.Select(u => scheduler.Units[u]).Where(u => u.Parts is not null).ToList();
        Assert.NotEmpty(leasedGroups);
        Assert.Contains(leasedGroups, g => g.Ordinals.Select(o => ranBy[o]).Distinct().Count() > 1);
    }
}
