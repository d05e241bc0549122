using Mproc.Coordinator.Scheduling;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

/// <summary>
/// A group with a priority: its tests take the group's priority, so the workers put them first (here
/// as they do: priority, then longest first, a group's members wherever they are), and the queue hands
/// the whole group to the first claim, before anything longer of a lower priority.
/// </summary>
public sealed class SchedulerGroupPriorityTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    public void GroupWithTheHighestPriority_IsClaimedFirst_WholeByOneWorker(int workers, int seed)
    {
        var random = new Random(seed);

        // 60 tests in NUnit's order; "db" (priority 1) has five short members spread over the tail, "files"
        // (no priority of its own) three; a few long tests of the default priority would go first by length.
        var tests = Enumerable.Range(0, 60).Select(i => (Seconds: i % 10 == 3 ? 2.0 : 0.05 + (random.NextDouble() * 0.1), Group: (string?)null, Priority: 10)).ToList();
        foreach (var i in new[] { 41, 47, 52, 55, 59 })
        {
            tests[i] = (0.05, "db", 1);
        }

        foreach (var i in new[] { 12, 30, 31 })
        {
            tests[i] = (tests[i].Seconds, "files", 10);
        }

        var (units, seconds) = InRunOrder(tests);

        var result = TimedSimulation.Run(units, seconds.Length, workers, seconds);

        var db = units.Single(u => u.Group == "db");
        Assert.Equal([0, 1, 2, 3, 4], db.Ordinals);
        var worker = result.RanBy[0];
        Assert.All(db.Ordinals, o => Assert.Equal(worker, result.RanBy[o]));
        Assert.All(db.Ordinals, o => Assert.True(result.Starts[o] < 2.0, $"db test {o} started at {result.Starts[o]:F2} s, after a long test"));
        var files = units.Single(u => u.Group == "files");
        Assert.Single(files.Ordinals.Select(o => result.RanBy[o]).Distinct());
        Assert.All(result.RanBy, w => Assert.InRange(w, 0, workers - 1));
    }

    /// <summary>Numbers the tests as workers do: units by priority, then longest first (stable); a group is one unit.</summary>
    private static (List<WorkUnit> Units, double[] Seconds) InRunOrder(List<(double Seconds, string? Group, int Priority)> tests)
    {
        var pending = tests.Select((t, i) => (t, i)).GroupBy(x => x.t.Group ?? $"#{x.i}")
            .Select(g => (Group: g.First().t.Group, Priority: g.Min(x => x.t.Priority), Seconds: g.Select(x => x.t.Seconds).ToList()))
            .OrderBy(u => u.Priority).ThenByDescending(u => u.Seconds.Sum())
            .ToList();
        var units = new List<WorkUnit>();
        var seconds = new List<double>();
        foreach (var (group, _, members) in pending)
        {
            var ordinals = members.Select(s => { seconds.Add(s); return seconds.Count - 1; }).ToList();
            units.Add(new WorkUnit(ordinals, members.Sum(), units.Count, group));
        }

        return (units, [.. seconds]);
    }
}
