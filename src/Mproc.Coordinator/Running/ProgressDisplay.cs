using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Running;

/// <summary>
/// What the user sees while tests run. Every failure is printed when it happens, one line each
/// (<see cref="ProgressLine.Failure"/>), and so are the workers' output lines, prefixed
/// "[worker N] ". On a terminal (<see cref="TerminalInfo.Live"/>) a status line at the bottom is
/// rewritten in place with done/total, failures, elapsed time, an estimate and each worker's current
/// test; otherwise a plain progress line is printed every <c>interval</c>. All writes go through one
/// lock, whole lines at a time, so nothing is interleaved mid-line.
/// </summary>
public sealed class ProgressDisplay : IAsyncDisposable
{
    private static readonly TimeSpan LiveRefresh = TimeSpan.FromMilliseconds(250);
    private const string ClearLine = "\r\u001b[K";

    private readonly object _gate = new();
    private readonly TestRun _run;
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly TerminalInfo _terminal;
    private readonly long _started;
    // The test each worker runs now, by worker id: set and cleared for every test, read for the status line.
    private readonly string?[] _running;
    private readonly OutputLineJoiner _joiner = new();
    // The ordinal of the test each worker runs now (-1 between tests), and the test each worker's label last named.
    private readonly int[] _runningOrdinal;
    private readonly string?[] _labelled;
    private readonly Cli.LabelMode _labels;
    private readonly Reporting.TeamCityMessages? _teamCity;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private bool _statusShown;
    private bool _disposed;

    /// <param name="labels">Test names written as nunit3-console's --labels writes them.</param>
    /// <param name="teamCity">Whether TeamCity service messages are written for every test (--teamcity).</param>
    public ProgressDisplay(TestRun run, TextWriter output, TimeProvider time, TimeSpan interval, TerminalInfo terminal, Cli.LabelMode labels = Cli.LabelMode.Off, bool teamCity = false)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(time);
        _run = run;
        _output = output;
        _time = time;
        _terminal = terminal;
        _started = time.GetTimestamp();
        _running = new string?[Math.Max(run.Settings.WorkerCount, 1)];
        _runningOrdinal = [.. Enumerable.Repeat(-1, _running.Length)];
        _labelled = new string?[_running.Length];
        _labels = labels;
        _teamCity = teamCity ? new Reporting.TeamCityMessages(run.AssemblyOf) : null;
        _run.TestProgress += OnTestProgress;
        _run.OutputReceived += OnOutput;
        _timer = new PeriodicTimer(terminal.Live ? LiveRefresh : interval, time);
        _loop = LoopAsync();
    }

    /// <summary>Prints one line of a worker's output, prefixed with the worker's id.</summary>
    public void WorkerOutput(int workerId, string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        WriteLines([$"[worker {workerId}] {line.TrimEnd('\r', '\n')}"]);
    }

    /// <summary>Prints one line a global fixture wrote to its context's log, prefixed with the fixture's name; false once the display is over.</summary>
    public bool FixtureOutput(string fixture, string line) => Notice($"[{fixture}] {line}");

    /// <summary>Prints one whole line among the run's output; false once the display is over.</summary>
    public bool Notice(string line)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            WriteLines([line]);
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _run.TestProgress -= OnTestProgress;
        _run.OutputReceived -= OnOutput;
        // A disposed timer ends the loop's wait with false: no exception, whose first throw in a
        // process costs milliseconds at the very end of a run.
        _timer.Dispose();
        await _loop.ConfigureAwait(false);

        lock (_gate)
        {
            foreach (var (workerId, line) in _joiner.Flush())
            {
                WorkerOutput(workerId, line);
            }

            if (_teamCity is not null)
            {
                WriteLines(_teamCity.End());
            }

            _disposed = true;
            ClearStatus();
            _output.Flush();
        }
    }

    private List<KeyValuePair<int, string>> RunningNow()
    {
        var running = new List<KeyValuePair<int, string>>();
        for (var workerId = 0; workerId < _running.Length; workerId++)
        {
            if (_running[workerId] is { } test)
            {
                running.Add(new(workerId, test));
            }
        }

        return running;
    }

    private void OnOutput(int workerId, Protocol.Messages.TestOutputLine output)
    {
        lock (_gate)
        {
            var lines = _joiner.Add(workerId, output.Stream, output.Text);
            if (lines.Count == 0)
            {
                return;
            }

            var known = (uint)workerId < (uint)_running.Length;
            var test = known && output.Ordinal >= 0 ? _running[workerId] : null;
            var written = new List<string>();
            if (_labels == Cli.LabelMode.On && test is not null)
            {
                Label(written, workerId, test, null);
            }

            written.AddRange(lines.Select(line => $"[worker {workerId}] {line}"));
            if (_teamCity is not null && test is not null)
            {
                foreach (var line in lines)
                {
                    written.AddRange(_teamCity.Output(workerId, _runningOrdinal[workerId], test, output.Stream, line));
                }
            }

            WriteLines(written);
        }
    }

    private void OnTestProgress(TestProgressEvent progress)
    {
        var lines = new List<string>();
        lock (_gate)
        {
            var known = (uint)progress.WorkerId < (uint)_running.Length;
            if (progress.Outcome is null)
            {
                if (known)
                {
                    _running[progress.WorkerId] = progress.FullName;
                    _runningOrdinal[progress.WorkerId] = progress.Ordinal;
                }

                if (_labels is Cli.LabelMode.Before or Cli.LabelMode.All)
                {
                    Label(lines, progress.WorkerId, progress.FullName, null);
                }

                if (_teamCity is not null)
                {
                    lines.AddRange(_teamCity.TestStarted(progress.WorkerId, progress.Ordinal, progress.FullName));
                }
            }
            else
            {
                if (known && _running[progress.WorkerId] == progress.FullName)
                {
                    _running[progress.WorkerId] = null;
                    _runningOrdinal[progress.WorkerId] = -1;
                }

                if (_labels is Cli.LabelMode.After or Cli.LabelMode.All)
                {
                    var status = string.IsNullOrEmpty(progress.Outcome.Label) ? progress.Outcome.Status : progress.Outcome.Label;
                    Label(lines, progress.WorkerId, progress.FullName, status.ToUpperInvariant());
                }

                if (progress.Outcome.Status == TestStatuses.Failed)
                {
                    lines.Add(ProgressLine.Failure(progress.FullName, progress.WorkerId, progress.Outcome.Message, _terminal.Color));
                }

                if (_teamCity is not null)
                {
                    lines.AddRange(_teamCity.TestFinished(progress.WorkerId, progress.Ordinal, progress.FullName, progress.Outcome));
                }
            }

            // Written under the lock: TeamCity's lines must keep the order of the events.
            if (lines.Count > 0)
            {
                WriteLines(lines);
            }
        }
    }

    /// <summary>
    /// nunit3-console's label line, "=> name" (or "STATUS => name" with a result), prefixed like the
    /// worker's output; like nunit3-console, a label is not repeated for the test it last named.
    /// </summary>
    private void Label(List<string> lines, int workerId, string fullName, string? status)
    {
        var index = (uint)workerId < (uint)_labelled.Length ? workerId : -1;
        var label = status is null ? $"=> {fullName}" : $"{status} => {fullName}";
        if (index >= 0 && _labelled[index] == label)
        {
            return;
        }

        if (index >= 0)
        {
            _labelled[index] = label;
        }

        lines.Add($"[worker {workerId}] {label}");
    }

    private void WriteLines(IReadOnlyList<string> lines)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            ClearStatus();
            foreach (var line in lines)
            {
                _output.WriteLine(line);
            }

            if (_terminal.Live)
            {
                ShowStatus();
            }

            _output.Flush();
        }
    }

    private async Task LoopAsync()
    {
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            lock (_gate)
            {
                if (_terminal.Live)
                {
                    ShowStatus();
                }
                else if (_run.Progress.Total > 0)
                {
                    _output.WriteLine(StatusText(includeRunning: false));
                }

                _output.Flush();
            }
        }
    }

    private void ShowStatus()
    {
        if (_run.Progress.Total == 0)
        {
            return;
        }

        _output.Write(ClearLine + StatusText(includeRunning: true));
        _statusShown = true;
    }

    private void ClearStatus()
    {
        if (_statusShown)
        {
            _output.Write(ClearLine);
            _statusShown = false;
        }
    }

    private string StatusText(bool includeRunning)
    {
        var (finished, total, failed) = _run.Progress;
        var elapsed = _time.GetElapsedTime(_started).TotalSeconds;
        return ProgressLine.Format(elapsed, finished, total, failed, includeRunning ? RunningNow() : null, _terminal.Live ? _terminal.Width - 1 : int.MaxValue);
    }
}
