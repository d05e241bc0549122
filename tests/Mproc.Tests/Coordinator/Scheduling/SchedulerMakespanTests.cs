using Mproc.Coordinator.Scheduling;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

/// <summary>
/// With known durations, the queue's makespan stays within 5% of the lower bound
/// max(total / workers, longest unit) on heterogeneous workloads of 100+ units, workers walking
/// the tests in the order the workers sort them (priority, then longest first). (The heavy-tailed
/// workload has ten 2 s tests, so it stops at 4 workers: on 8, two workers must take two of them and
/// no schedule reaches that bound.)
/// </summary>
public sealed class SchedulerMakespanTests
{
    public static TheoryData<string, int, int> Workloads() => new()
    {
        { "heavy-tailed", 2, 1 }, { "heavy-tailed", 4, 2 }, { "heavy-tailed", 3, 3 },
        { "lognormal", 2, 4 }, { "lognormal", 4, 5 }, { "lognormal", 8, 6 },
        { "uniform", 3, 7 }, { "uniform", 4, 8 },
        { "grouped", 4, 9 }, { "grouped", 3, 10 },
    };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void KnownDurations_MakespanWithinFivePercentOfLowerBound(string kind, int workers, int seed)
    {
        var random = new Random(seed);
        var units = MakeUnits(kind, random, out var seconds);
        Assert.True(units.Count >= 100);
        var sorted = SortLongestFirst(units, seconds, out var sortedSeconds);

        var result = TimedSimulation.Run(sorted, sortedSeconds.Length, workers, sortedSeconds);

        var lowerBound = Math.Max(sortedSeconds.Sum() / workers, sorted.Max(u => u.ExpectedSeconds));
        Assert.All(result.RanBy, w => Assert.InRange(w, 0, workers - 1));
        Assert.True(result.Makespan <= lowerBound * 1.05, $"{kind}/{workers}: makespan {result.Makespan:F3}s vs lower bound {lowerBound:F3}s");
    }

    [Fact]
    public void Groups_AreGrantedWholeToOneWorker()
    {
        var random = new Random(11);
        var units = MakeUnits("grouped", random, out var seconds);
        var sorted = SortLongestFirst(units, seconds, out var sortedSeconds);

        var result = TimedSimulation.Run(sorted, sortedSeconds.Length, 4, sortedSeconds);

        foreach (var unit in sorted.Where(u => u.Group is not null))
        {
            Assert.Single(unit.Ordinals.Select(o => result.RanBy[o]).Distinct());
        }
    }

    [Fact]
    public void NoTimings_TrivialTestsCostFewClaims()
    {
        const int tests = 10_000;
        var units = Enumerable.Range(0, tests).Select(o => new WorkUnit([o], 0, o / 100, null)).ToList();

        var result = TimedSimulation.Run(units, tests, 2, Enumerable.Repeat(0.00001, tests).ToArray());

        Assert.InRange(result.Claims, 2, 60);
        Assert.All(result.RanBy, w => Assert.InRange(w, 0, 1));
    }

    [Fact]
    public void KnownDurations_SmallFixtureTailStaysWithItsFixture()
    {
        // Ten fixtures of ten tests: 1 s, then nine of 0.01 s each. Batches end after the long test;
        // the fixture's short tail (0.09 s, far below half a batch) goes with it.
        var units = new List<WorkUnit>();
        var seconds = new List<double>();
        for (var f = 0; f < 10; f++)
        {
            for (var t = 0; t < 10; t++)
            {
                var s = t == 0 ? 1.0 : 0.01;
                units.Add(new WorkUnit([units.Count], s, f, null));
                seconds.Add(s);
            }
        }

        var result = TimedSimulation.Run(units, units.Count, 4, [.. seconds]);

        var split = Enumerable.Range(0, 10).Count(f => Enumerable.Range(f * 10, 10).Select(o => result.RanBy[o]).Distinct().Count() > 1);
        Assert.True(split <= 1, $"{split} fixtures were split across workers");
    }

    private static List<WorkUnit> MakeUnits(string kind, Random random, out double[] seconds)
    {
        var durations = new List<double>();
        var groups = new List<(int Size, string Name)>();
        switch (kind)
        {
            case "heavy-tailed":
                for (var i = 0; i < 120; i++)
                {
                    durations.Add(i % 12 == 0 ? 2.0 : 0.02 + (random.NextDouble() * 0.08));
                }

                break;
            case "lognormal":
                for (var i = 0; i < 300; i++)
                {
                    var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    durations.Add(Math.Exp(-3 + normal));
                }

                break;
            case "uniform":
                for (var i = 0; i < 150; i++)
                {
                    durations.Add(0.01 + random.NextDouble());
                }

                break;
            case "grouped":
                for (var i = 0; i < 160; i++)
                {
                    durations.Add(0.01 + (random.NextDouble() * 0.2));
                }

                groups.Add((12, "db"));
                groups.Add((6, "files"));
                groups.Add((9, "cache"));
                break;
            default:
                throw new ArgumentException(kind, nameof(kind));
        }

        seconds = [.. durations];
        var units = new List<WorkUnit>();
        var next = 0;
        foreach (var (size, name) in groups)
        {
            var ordinals = Enumerable.Range(next, size).ToList();
            units.Add(new WorkUnit(ordinals, ordinals.Sum(o => durations[o]), next / 10, name));
            next += size;
        }

        for (; next < durations.Count; next++)
        {
            units.Add(new WorkUnit([next], durations[next], next / 10, null));
        }

        return units;
    }

    /// <summary>Renumbers units longest first (as workers order them), members of a unit kept adjacent.</summary>
    private static List<WorkUnit> SortLongestFirst(List<WorkUnit> units, double[] seconds, out double[] sortedSeconds)
    {
        var result = new List<WorkUnit>();
        var newSeconds = new List<double>();
        foreach (var unit in units.OrderByDescending(u => u.ExpectedSeconds))
        {
            var ordinals = new List<int>();
            foreach (var ordinal in unit.Ordinals)
            {
                ordinals.Add(newSeconds.Count);
                newSeconds.Add(seconds[ordinal]);
            }

            result.Add(new WorkUnit(ordinals, unit.ExpectedSeconds, result.Count, unit.Group));
        }

        sortedSeconds = [.. newSeconds];
        return result;
    }
}
