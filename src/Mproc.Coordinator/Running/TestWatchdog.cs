using Mproc.Coordinator.Workers;

namespace Mproc.Coordinator.Running;

/// <summary>
/// Checks, on a <see cref="TimeProvider"/> timer, for workers that hang (<see cref="TestRun.ExpireHungWorkers"/>:
/// a test or a one-time setup or teardown past --test-timeout, a discovery that does not come) and
/// kills them; the worker's connection then ends and it is replaced like any lost worker.
/// </summary>
public sealed class TestWatchdog : IDisposable
{
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinPeriod = TimeSpan.FromMilliseconds(50);

    private readonly TestRun _run;
    private readonly IWorkerLauncher _launcher;
    private readonly ITimer _timer;

    /// <param name="timeout">--test-timeout, or null: then only discoveries are watched, once a second.</param>
    public TestWatchdog(TestRun run, IWorkerLauncher launcher, TimeProvider time, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(time);
        _run = run;
        _launcher = launcher;
        var period = TimeSpan.FromTicks(Math.Clamp((timeout ?? MaxPeriod).Ticks / 4, MinPeriod.Ticks, MaxPeriod.Ticks));
        _timer = time.CreateTimer(_ => Check(), null, period, period);
    }

    /// <summary>One check: fail and kill what has run too long.</summary>
    public void Check()
    {
        foreach (var processId in _run.ExpireHungWorkers())
        {
            _launcher.Kill(processId);
        }
    }

    public void Dispose() => _timer.Dispose();
}
