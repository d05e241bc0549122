using Mproc.Coordinator.Scheduling;

namespace Mproc.Tests.Coordinator.Scheduling;

/// <summary>
/// Runs a <see cref="Scheduler"/> against simulated workers that behave like real ones: each walks
/// the ordinals in order, runs what it owns, skips what others own and claims at the first test it
/// knows nothing about. Time is simulated (test durations), so makespans are exact and repeatable.
/// A claim that waits blocks its worker until a result of another worker (reported when its test
/// ends) lets the scheduler answer it.
/// </summary>
internal static class TimedSimulation
{
    public static Result Run(IReadOnlyList<WorkUnit> units, int testCount, int workers, double[] actualSeconds)
    {
        var scheduler = new Scheduler(units, testCount, workers);
        var states = new byte[workers][];
        var queueEmpty = new bool[workers];
        var position = new int[workers];
        var ranBy = Enumerable.Repeat(-1, testCount).ToArray();
        var claims = 0;
        var clock = new PriorityQueue<int, (double Time, int Worker)>();
        for (var w = 0; w < workers; w++)
        {
            states[w] = new byte[testCount];
            clock.Enqueue(w, (0, w));
        }

        var makespan = 0.0;
        var starts = new double[testCount];
        var ends = new double[testCount];
        var running = Enumerable.Repeat(-1, workers).ToArray();
        var blocked = new bool[workers];
        while (clock.TryDequeue(out var w, out var at))
        {
            var time = at.Time;
            if (running[w] >= 0)
            {
                // Its test ended now: the result reaches the scheduler, which may answer waiting claims.
                scheduler.Finished(running[w]);
                running[w] = -1;
                foreach (var (claimant, answer) in scheduler.TakeAnswers())
                {
                    Apply(states[claimant], answer.Mine, 1);
                    Apply(states[claimant], answer.Taken, 2);
                    queueEmpty[claimant] |= answer.QueueEmpty;
                    blocked[claimant] = false;
                    clock.Enqueue(claimant, (time, claimant));
                }
            }

            var p = position[w];
            while (p < testCount && (states[w][p] == 2 || (states[w][p] == 0 && queueEmpty[w])))
            {
                p++;
            }

            position[w] = p;
            if (p == testCount)
            {
                makespan = Math.Max(makespan, time);
                continue;
            }

            if (states[w][p] == 0)
            {
                claims++;
                var grant = scheduler.Claim(w, p);
                if (grant is null)
                {
                    blocked[w] = true;
                    continue;
                }

                Apply(states[w], grant.Mine, 1);
                Apply(states[w], grant.Taken, 2);
                queueEmpty[w] |= grant.QueueEmpty;
                if (states[w][p] == 0)
                {
                    throw new InvalidOperationException($"claim at {p} left it undecided");
                }

                clock.Enqueue(w, (time, w));
                continue;
            }

            if (ranBy[p] >= 0)
            {
                throw new InvalidOperationException($"test {p} ran twice");
            }

            ranBy[p] = w;
            starts[p] = time;
            ends[p] = time + actualSeconds[p];
            running[w] = p;
            position[w] = p + 1;
            clock.Enqueue(w, (ends[p], w));
        }

        if (Array.Exists(blocked, b => b))
        {
            throw new InvalidOperationException("a worker waits for an answer that never comes");
        }

        return new Result(makespan, claims, ranBy, starts, ends);
    }

    private static void Apply(byte[] states, IReadOnlyList<int> ranges, byte state)
    {
        for (var i = 0; i + 1 < ranges.Count; i += 2)
        {
            for (var o = ranges[i]; o < ranges[i] + ranges[i + 1]; o++)
            {
                states[o] = state;
            }
        }
    }

    /// <param name="Starts">When each test started.</param>
    /// <param name="Ends">When each test ended.</param>
    public sealed record Result(double Makespan, int Claims, int[] RanBy, double[] Starts, double[] Ends);
}
