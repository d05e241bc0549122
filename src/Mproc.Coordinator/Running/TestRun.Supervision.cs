using System.Globalization;
using Mproc.Coordinator.Workers;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Running;

/// <summary>Crashes, hangs and restarts: how a run outlives the workers it loses.</summary>
public sealed partial class TestRun
{
    /// <summary>
    /// How long to wait, once a worker's connection ended on its side, for its process to exit, so
    /// the crash is reported with its exit code or signal. The socket closes as the process dies, so
    /// this is normally a few milliseconds.
    /// </summary>
    public static readonly TimeSpan ExitCorrelationWait = TimeSpan.FromSeconds(5);

    /// <summary>The workers' processes, to learn how one ended and to kill one whose test hangs.</summary>
    public IWorkerLauncher? Processes { get; set; }

    /// <summary>A test running longer than this is failed and its worker killed; null means no limit.</summary>
    public TimeSpan? TestTimeout { get; set; }

    /// <summary>A worker was lost with tests left to run and no restart left: those tests are not run.</summary>
    public bool RestartsExhausted { get; private set; }

    /// <summary>Selected tests NUnit reports (not those it reports no result for), and how many of them have a result.</summary>
    public (int Selected, int WithResult) Accounting
    {
        get
        {
            lock (_gate)
            {
                return _results is null ? (0, 0) : (_results.TestCount - _results.UnreportedCount, _results.FinishedCount - _results.UnreportedCount);
            }
        }
    }

    /// <summary>
    /// The connection of a worker ended. When the worker ended it (it did not say it was done, and we
    /// did not drop it), waits briefly for its process to exit, so the test it was running is failed
    /// with "crashed (exit code N)" or "crashed (signal S, exit code N)" and its last standard error lines.
    /// </summary>
    public async Task WorkerEndedAsync(int workerId, string reason, bool endedByWorker)
    {
        int? processId = null;
        lock (_gate)
        {
            if (_current.TryGetValue(workerId, out var record) && !record.Ended && !record.Done && !record.Killed)
            {
                processId = record.ProcessId;
            }
        }

        string? output = null;
        if (endedByWorker && processId is { } pid && Processes is { } processes)
        {
            var exit = await processes.WaitForExitAsync(pid, ExitCorrelationWait).ConfigureAwait(false);
            if (exit is not null)
            {
                reason = $"crashed ({exit.Summary})";
                output = exit.StandardErrorTail.Length == 0 ? null : "Worker standard error (last lines):" + Environment.NewLine + exit.StandardErrorTail;
            }
        }

        WorkerEnded(workerId, reason, output, diedOnItsOwn: endedByWorker);
    }

    /// <summary>
    /// Fails every test that has run longer than <see cref="TestTimeout"/> and marks its worker as
    /// killed (what it says afterwards is ignored; its connection's end releases its other tests).
    /// Returns the processes to kill.
    /// </summary>
    public IReadOnlyList<int> ExpireTimedOutTests()
    {
        if (TestTimeout is not { } timeout)
        {
            return [];
        }

        var toKill = new List<int>();
        lock (_gate)
        {
            if (_results is null || Failure is not null)
            {
                return [];
            }

            foreach (var record in _current.Values)
            {
                if (record.Running < 0 || record.Killed || record.Done || _time.GetElapsedTime(record.RunningSince) < timeout)
                {
                    continue;
                }

                var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                var test = _results.Test(record.Running);
                var now = _time.GetUtcNow().UtcDateTime.Ticks;
                var started = now - timeout.Ticks;
                _results.RecordTest(record.WorkerId, record.Running, new TestOutcome(
                    "Failed",
                    "Error",
                    "Test",
                    $"worker {record.WorkerId} timed out: {test.Node.FullName} ran longer than --test-timeout {seconds} s; the worker was killed",
                    null,
                    null,
                    started,
                    now,
                    timeout.TotalSeconds,
                    0));
                CoordinatorLog.TestTimedOut(_logger, record.WorkerId, test.Node.FullName, timeout.TotalSeconds);
                record.Granted.Remove(record.Running);
                record.Running = -1;
                record.Killed = true;
                if (record.ProcessId is { } pid)
                {
                    toKill.Add(pid);
                }
            }
        }

        return toKill;
    }

    /// <summary>Why tests without a result were not run, for the report.</summary>
    public string NotRunReason(int maxWorkerRestarts) =>
        RestartsExhausted
            ? $"not run: workers crashed or hung more often than --max-worker-restarts {maxWorkerRestarts.ToString(CultureInfo.InvariantCulture)} allows"
            : "not run: no worker was left to run it";
}
