using System.Globalization;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Results;
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
    /// How long a worker may take from its handshake to its discovery (loading the test assemblies and
    /// NUnit's tree of them) before it counts as hung. Generous: a 22,000-test suite loads in seconds.
    /// </summary>
    public TimeSpan DiscoveryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The coordinator owes worker <paramref name="workerId"/> an answer from now (true) or has given
    /// it (false): while it does, the worker's silence is not a hang.
    /// </summary>
    public void AwaitingCoordinator(int workerId, bool awaiting)
    {
        lock (_gate)
        {
            if (_current.TryGetValue(workerId, out var record))
            {
                var now = _time.GetTimestamp();
                if (awaiting && !record.AwaitingCoordinator)
                {
                    record.AwaitingSince = now;
                }
                else if (!awaiting && record.AwaitingCoordinator && record.Running >= 0)
                {
                    // The running test's clock stood still meanwhile (a global fixture being set up).
                    record.RunningSince += now - record.AwaitingSince;
                }

                record.AwaitingCoordinator = awaiting;
                record.LastSeen = now;
            }
        }
    }

    /// <summary>
    /// Finds the workers that hang and marks them killed (what they say afterwards is ignored; their
    /// connection's end gets them replaced), returning the processes to kill:
    /// <list type="bullet">
    /// <item>a test running longer than <see cref="TestTimeout"/> is failed;</item>
    /// <item>a worker silent that long outside any test, inside a suite (a one-time setup or teardown,
    /// a SetUpFixture), while it owes the coordinator nothing: the suite is blamed as for a crash there;</item>
    /// <item>a worker without its discovery after <see cref="DiscoveryTimeout"/>: replaced, or, when no
    /// worker's discovery came at all, the run fails (loading the assembly hangs).</item>
    /// </list>
    /// </summary>
    public IReadOnlyList<int> ExpireHungWorkers()
    {
        var toKill = new List<int>();
        lock (_gate)
        {
            if (Failure is not null)
            {
                return [];
            }

            foreach (var record in _current.Values)
            {
                if (record.Killed || record.Done || record.AwaitingCoordinator)
                {
                    continue;
                }

                var hung = !record.DiscoverySent ? ExpireDiscovery(record)
                    : _results is null || TestTimeout is not { } timeout ? false
                    : record.Running >= 0 ? ExpireTest(record, timeout)
                    : ExpireSuite(record, timeout);
                if (hung)
                {
                    record.Killed = true;
                    if (record.ProcessId is { } pid)
                    {
                        toKill.Add(pid);
                    }
                }
            }
        }

        RaiseMadeResults();
        return toKill;
    }

    /// <summary>Fails the running test if it has run too long. Under the lock.</summary>
    private bool ExpireTest(WorkerRecord record, TimeSpan timeout)
    {
        if (_time.GetElapsedTime(record.RunningSince) < timeout)
        {
            return false;
        }

        var test = _results!.Test(record.Running);
        var now = _time.GetUtcNow().UtcDateTime.Ticks;
        RecordFor(record, record.Running, new TestOutcome(
            "Failed",
            "Error",
            "Test",
            $"worker {record.WorkerId} timed out: {test.Node.FullName} ran longer than --test-timeout {Seconds(timeout)} s; the worker was killed",
            null,
            null,
            now - timeout.Ticks,
            now,
            timeout.TotalSeconds,
            0));
        CoordinatorLog.TestTimedOut(_logger, record.WorkerId, test.Node.FullName, timeout.TotalSeconds);
        record.Granted.Remove(record.Running);
        record.Running = -1;
        return true;
    }

    /// <summary>Blames the innermost open suite of a worker silent too long between tests. Under the lock.</summary>
    private bool ExpireSuite(WorkerRecord record, TimeSpan timeout)
    {
        if (record.OpenSuites.Count == 0 || _time.GetElapsedTime(record.LastSeen) < timeout)
        {
            return false;
        }

        var suite = _results!.Suite(record.OpenSuites[^1]).Node.FullName;
        CoordinatorLog.SuiteTimedOut(_logger, record.WorkerId, suite, timeout.TotalSeconds);
        BlameSuite(record, "timed out", null, $" (nothing happened for longer than --test-timeout {Seconds(timeout)} s); the worker was killed");
        return true;
    }

    /// <summary>A worker that has not sent its discovery in time. Under the lock.</summary>
    private bool ExpireDiscovery(WorkerRecord record)
    {
        if (_time.GetElapsedTime(record.LastSeen) < DiscoveryTimeout)
        {
            return false;
        }

        var seconds = Seconds(DiscoveryTimeout);
        CoordinatorLog.DiscoveryTimedOut(_logger, record.WorkerId, DiscoveryTimeout.TotalSeconds);
        if (_reference is null && !_current.Values.Any(r => r.DiscoverySent))
        {
            Fail($"worker {record.WorkerId} sent no discovery within {seconds} s: loading the test assemblies hangs (a [TestCaseSource], a static constructor or a fixture's constructor that never returns?)", ExitCodes.InvalidAssembly);
        }

        return true;
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Why tests without a result were not run, for the report.</summary>
    public string NotRunReason(int maxWorkerRestarts) =>
        StoppedEarly ? StoppedReason()
        : RestartsExhausted
            ? $"not run: workers crashed or hung more often than --max-worker-restarts {maxWorkerRestarts.ToString(CultureInfo.InvariantCulture)} allows"
            : "not run: no worker was left to run it";
}
