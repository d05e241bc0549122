using System.Globalization;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Running;

namespace Mproc.Coordinator.Watching;

/// <summary>
/// The decisions of --looponfail, without any effect: fed with triggers (a change, a key) and the
/// results of the runs it asked for, it says what to do next. A first run of everything; then, on
/// each change, the tests failing so far until they all pass, then everything again; when that
/// passes too, wait. A run that could not take place (the build failed) leaves the failing tests as
/// they were and waits for the next change. Leaving gives the exit code of the last run of everything.
/// </summary>
public sealed class WatchLoop
{
    private const int NamesShown = 5;

    private List<string> _failing = [];
    private WatchStep? _running;
    private int? _lastFullExitCode;
    private int? _lastExitCode;

    /// <summary>The tests failing as far as the loop knows, in the order they failed.</summary>
    public IReadOnlyList<string> Failing => _failing;

    /// <summary>A run of everything has ended (its exit code is the one leaving gives).</summary>
    public bool HasFullRun => _lastFullExitCode is not null;

    public WatchStep On(WatchTrigger trigger) => trigger switch
    {
        WatchTrigger.Start or WatchTrigger.RunAll => Run(new WatchStep.RunEverything()),
        WatchTrigger.FilesChanged or WatchTrigger.RunFailed => Run(_failing.Count > 0 ? new WatchStep.RunFailures([.. _failing]) : new WatchStep.RunEverything()),
        WatchTrigger.Quit => new WatchStep.Leave(_lastFullExitCode ?? _lastExitCode ?? ExitCodes.Ok),
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
    };

    /// <summary>
    /// The run asked for ended with <paramref name="exitCode"/>; <paramref name="run"/> is null when
    /// no test ran (the build failed, bad input). Returns the next step and the tests that failed
    /// before and pass now.
    /// </summary>
    public (WatchStep Next, IReadOnlyList<string> NowPassing) Finished(RunFailures? run, int exitCode)
    {
        var running = _running ?? throw new InvalidOperationException("no run was asked for");
        _running = null;
        _lastExitCode = exitCode;
        if (run is null)
        {
            return (new WatchStep.Wait(exitCode == ExitCodes.InvalidAssembly ? "waiting for changes (the build failed)" : "waiting for changes (the run could not start)"), []);
        }

        if (running is WatchStep.RunEverything)
        {
            _lastFullExitCode = exitCode;
            _failing = [.. run.Failed];
            return (Waiting(run.Ran.Count), []);
        }

        var nowPassing = _failing.Where(name => run.Ran.Contains(name) && !run.Failed.Contains(name)).ToList();
        _failing = [.. _failing.Except(nowPassing, StringComparer.Ordinal).Union(run.Failed, StringComparer.Ordinal)];
        return (_failing.Count == 0 ? Run(new WatchStep.RunEverything()) : Waiting(run.Ran.Count), nowPassing);
    }

    private WatchStep Run(WatchStep step)
    {
        _running = step;
        return step;
    }

    private WatchStep.Wait Waiting(int ran)
    {
        if (_failing.Count == 0)
        {
            return new WatchStep.Wait(string.Create(CultureInfo.InvariantCulture, $"waiting for changes (all {ran} tests passed)"));
        }

        var names = string.Join(", ", _failing.Take(NamesShown)) + (_failing.Count > NamesShown ? ", ..." : string.Empty);
        return new WatchStep.Wait(string.Create(CultureInfo.InvariantCulture, $"waiting for changes ({_failing.Count} failing: {names})"));
    }
}
