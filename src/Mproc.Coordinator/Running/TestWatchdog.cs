using Mproc.Coordinator.Workers;

namespace Mproc.Coordinator.Running;

/// <summary>
/// --test-timeout: checks, on a <see cref="TimeProvider"/> timer, for tests that have run too long
/// (the coordinator knows when each started), fails them and kills their worker; the worker's
/// connection then ends and it is replaced like any lost worker.
/// </summary>
public sealed class TestWatchdog : IDisposable
{
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinPeriod = TimeSpan.FromMilliseconds(50);

    private readonly TestRun _run;
    private readonly IWorkerLauncher _launcher;
    private readonly ITimer _timer;

    public TestWatchdog(TestRun run, IWorkerLauncher launcher, TimeProvider time, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(time);
        _run = run;
        _launcher = launcher;
        var period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, MinPeriod.Ticks, MaxPeriod.Ticks));
        _timer = time.CreateTimer(_ => Check(), null, period, period);
    }

    /// <summary>One check: fail and kill what has run too long.</summary>
    public void Check()
    {
        foreach (var processId in _run.ExpireTimedOutTests())
        {
            _launcher.Kill(processId);
        }
    }

    public void Dispose() => _timer.Dispose();
}
