using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Results;
using Mproc.Coordinator.Scheduling;
using Mproc.Protocol;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Running;

/// <summary>
/// The state of one run, shared by every worker connection: the handshake's answers, the reference
/// discovery every worker must match, the pull queue, the merged results and the workers' fates.
/// All members are thread-safe; <see cref="Completion"/> ends when every test has a result and
/// every worker has ended, or the run failed as a whole.
/// </summary>
public sealed partial class TestRun
{
    private readonly object _gate = new();
    private readonly RunSettings _settings;
    private readonly ILogger _logger;
    private readonly Dictionary<int, WorkerRecord> _current = [];
    private readonly List<WorkerRecord> _all = [];
    private readonly List<TestProgressEvent> _madeResults = [];
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<AssemblyDiscovery>? _reference;
    private byte[]? _referenceBody;
    private bool _referenceDecoding;
    private readonly TaskCompletionSource _referenceSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _referenceWorker;
    private Scheduler? _scheduler;
    private RunResults? _results;
    private int _nextClaimant;
    private int _expectedWorkers;
    private IReadOnlyList<AssemblyTimings>? _welcomeTimings;

    public TestRun(RunSettings settings, ILogger logger, TimeProvider? time = null)
    {
        _settings = settings;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _expectedWorkers = settings.WorkerCount;
    }

    public RunSettings Settings => _settings;

    public Task Completion => _completion.Task;

    public RunFailure? Failure { get; private set; }

    /// <summary>Raised (outside the lock) when tests were given back and a replacement worker could run them.</summary>
    public event Action<int>? ReplacementNeeded;

    /// <summary>Raised (outside the lock, on the worker's connection) when a worker starts a test and when a test gets its result.</summary>
    public event Action<TestProgressEvent>? TestProgress;

    /// <summary>Raised (on the worker's connection) for each piece of live output a worker's test wrote.</summary>
    public event Action<int, TestOutputLine>? OutputReceived;

    /// <summary>How many more replacements may be started.</summary>
    public int RestartsLeft { get; set; }

    public (int Finished, int Total, int Failed) Progress
    {
        get
        {
            lock (_gate)
            {
                return _results is null ? (0, 0, 0) : (_results.FinishedCount, _results.TestCount, _results.FailedCount);
            }
        }
    }

    /// <summary>Validates a worker's first frame; returns the answer to send and the worker's record id.</summary>
    public (IMessage Reply, int Claimant) Handshake(Hello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        if (hello.ProtocolVersion != ProtocolConstants.Version)
        {
            return (new Rejected($"protocol version {hello.ProtocolVersion} is not supported (expected {ProtocolConstants.Version})"), -1);
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(hello.Secret), Encoding.UTF8.GetBytes(_settings.Secret)))
        {
            return (new Rejected("wrong run secret"), -1);
        }

        lock (_gate)
        {
            if (hello.WorkerId < 0 || hello.WorkerId >= _settings.WorkerCount || _current.ContainsKey(hello.WorkerId))
            {
                return (new Rejected($"worker id {hello.WorkerId} is not expected"), -1);
            }

            var record = new WorkerRecord(hello.WorkerId, _nextClaimant++) { ProcessId = hello.ProcessId, AppDomain = hello.AppDomain, LastSeen = _time.GetTimestamp() };
            _current[hello.WorkerId] = record;
            _all.Add(record);
            CoordinatorLog.WorkerConnected(_logger, hello.WorkerId, hello.ProcessId);
            var nunit = _settings.NUnit;
            return (new Welcome(ProtocolConstants.Version, _settings.RunId, _settings.WorkerCount, _settings.Assemblies, _settings.FilterXml, _settings.RandomSeed, WelcomeTimings(), _settings.ReorderTests)
            {
                TestParameters = nunit.TestParameters,
                DefaultCulture = nunit.Culture,
                DefaultUICulture = nunit.UICulture,
                WorkDirectory = nunit.WorkDirectory,
                DefaultTimeout = nunit.DefaultTimeout,
                MaxFail = _settings.MaxFail,
                FailedFirst = _settings.FailedFirst,
            }, record.Claimant);
        }
    }

    /// <summary>The earlier durations of the run's own assemblies, as workers get them and the plan uses them.</summary>
    private IReadOnlyList<AssemblyTimings> WelcomeTimings() =>
        _welcomeTimings ??= WorkPlan.ByAssembly(_settings.Timings, _settings.Assemblies.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal)!);

    /// <summary>
    /// A worker's discovery as its encoded body. The first to arrive is decoded and checked and, if
    /// good, becomes the reference; the others wait for that, and one byte for byte the same is
    /// accepted without being decoded; one that differs is decoded and compared as usual. The
    /// answer is StartRun or AbortRun; a body that does not decode throws ProtocolException.
    /// </summary>
    public async Task<IMessage> AcceptDiscoveryAsync(int workerId, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        bool first;
        lock (_gate)
        {
            DiscoveryCame(workerId);
            first = !_referenceDecoding && _reference is null;
            _referenceDecoding |= first;
        }

        if (first)
        {
            try
            {
                return AcceptDiscovery(workerId, Decode(body), body);
            }
            finally
            {
                _referenceSettled.TrySetResult();
            }
        }

        await _referenceSettled.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (Failure is null && _referenceBody is { } reference && body.AsSpan().SequenceEqual(reference))
            {
                return Started(workerId);
            }
        }

        return AcceptDiscovery(workerId, Decode(body), body);
    }

    /// <summary>
    /// The reference discovery with its worker's process id and app domain on each assembly, where
    /// NUnit records them (<c>_PID</c>, <c>_APPDOMAIN</c>) and workers leave them out.
    /// </summary>
    private static IReadOnlyList<AssemblyDiscovery> WithProcessOf(IReadOnlyList<AssemblyDiscovery> assemblies, WorkerRecord? worker)
    {
        if (worker?.ProcessId is not { } processId)
        {
            return assemblies;
        }

        var result = new List<AssemblyDiscovery>(assemblies.Count);
        foreach (var assembly in assemblies)
        {
            if (assembly.Nodes.Count == 0 || assembly.Nodes[0].ParentIndex >= 0)
            {
                result.Add(assembly);
                continue;
            }

            var nodes = assembly.Nodes.ToArray();
            nodes[0] = nodes[0] with
            {
                Properties = [.. nodes[0].Properties, "_PID", processId.ToString(System.Globalization.CultureInfo.InvariantCulture), "_APPDOMAIN", worker.AppDomain],
            };
            result.Add(assembly with { Nodes = nodes });
        }

        return result;
    }

    /// <summary>A worker's discovery came: it is no longer watched for one. Under the lock.</summary>
    private void DiscoveryCame(int workerId)
    {
        if (_current.TryGetValue(workerId, out var sender))
        {
            sender.DiscoverySent = true;
            sender.LastSeen = _time.GetTimestamp();
        }
    }

    /// <summary>The answer to a worker whose discovery was accepted. Under the lock.</summary>
    private StartRun Started(int workerId)
    {
        RunTrace.Mark($"discovery of worker {workerId} accepted");
        CoordinatorLog.WorkerDiscovered(_logger, workerId, _results!.TestCount);
        return new StartRun();
    }

    private static Discovered Decode(byte[] body) =>
        (Discovered)Protocol.Transport.MessageSerializer.Decode(MessageTypeId.Discovered, body);

    /// <summary>
    /// Checks a worker's discovery against the first one; the answer is StartRun or AbortRun.
    /// <paramref name="encodedBody"/>, the message's bytes, is kept if it becomes the reference.
    /// </summary>
    public IMessage AcceptDiscovery(int workerId, Discovered discovered, byte[]? encodedBody = null)
    {
        RunTrace.Mark($"discovery of worker {workerId} received");
        ArgumentNullException.ThrowIfNull(discovered);
        lock (_gate)
        {
            DiscoveryCame(workerId);
            if (Failure is not null)
            {
                return new AbortRun(Failure.Message);
            }

            var broken = discovered.Assemblies.FirstOrDefault(a => a.Error is not null);
            if (broken is not null)
            {
                return Fail($"cannot load {broken.Path}: {broken.Error}", ExitCodes.InvalidAssembly);
            }

            if (string.IsNullOrEmpty(_settings.FilterXml))
            {
                var empty = discovered.Assemblies.FirstOrDefault(a => !a.Nodes.Any(n => n.Ordinal >= 0));
                if (empty is not null)
                {
                    return Fail($"no NUnit tests found in {empty.Path}", ExitCodes.InvalidAssembly);
                }
            }

            if (_reference is null)
            {
                var (units, planError) = WorkPlan.Build(discovered.Assemblies, WelcomeTimings());
                if (planError is not null)
                {
                    return Fail(planError, ExitCodes.InvalidAssembly);
                }

                _reference = WithProcessOf(discovered.Assemblies, _current.GetValueOrDefault(workerId));
                _referenceBody = encodedBody;
                _referenceWorker = workerId;
                _results = new RunResults(_reference);
                _scheduler = new Scheduler(units, _results.TestCount, _settings.WorkerCount, _settings.Shared);
                if (_settings.Shared)
                {
                    PlanMade(discovered, encodedBody);
                }

                if (_results.TestCount == 0)
                {
                    _completion.TrySetResult();
                }
            }
            else
            {
                var difference = DiscoveryComparer.FirstDifference(_reference, _referenceWorker, discovered.Assemblies, workerId);
                if (difference is not null)
                {
                    return Fail(
                        $"workers discovered different tests: {difference}. Test names must not depend on the process "
                        + "(e.g. [TestCaseSource] data built from time, process id or an unseeded Random).",
                        ExitCodes.DiscoveryMismatch);
                }
            }

            return Started(workerId);
        }
    }

    /// <summary>
    /// Answers a worker's claim. The answer waits while another worker runs non-parallelizable tests,
    /// or before this one may start them; it comes when the events of other workers allow it.
    /// </summary>
    public Task<ClaimGrant> Claim(int workerId, int position)
    {
        lock (_gate)
        {
            var record = _current[workerId];
            if (Failure is not null || _scheduler is null || record.Killed)
            {
                return Task.FromResult(new ClaimGrant([], [], QueueEmpty: true));
            }

            if (position < 0 || position >= _scheduler.TestCount)
            {
                throw new InvalidDataException($"worker {workerId} claimed at {position}, outside the run's {_scheduler.TestCount} tests");
            }

            var grant = _scheduler.Claim(record.Claimant, position);
            Task<ClaimGrant> answer;
            if (grant is null)
            {
                record.WaitingClaim = new TaskCompletionSource<ClaimGrant>(TaskCreationOptions.RunContinuationsAsynchronously);
                record.WaitingPosition = position;
                record.AwaitingCoordinator = true;
                answer = record.WaitingClaim.Task;
                CoordinatorLog.ClaimWaits(_logger, workerId, position);
            }
            else
            {
                answer = Task.FromResult(Granted(record, position, grant));
            }

            AnswerWaitingClaims();
            if (_settings.Shared && (grant is null || _scheduler.UnclaimedCount < _reserveLow))
            {
                // The node's queue tops up its reserve now, not at its next round.
                SharedWorkChanged?.Invoke();
            }

            return answer;
        }
    }

    /// <summary>Records a grant as the worker's and turns it into the reply. Under the lock.</summary>
    private ClaimGrant Granted(WorkerRecord record, int position, Grant grant)
    {
        for (var i = 0; i + 1 < grant.Mine.Count; i += 2)
        {
            for (var o = grant.Mine[i]; o < grant.Mine[i] + grant.Mine[i + 1]; o++)
            {
                record.Granted.Add(o);
            }
        }

        record.AwaitingCoordinator = false;
        record.LastSeen = _time.GetTimestamp();
        CoordinatorLog.ClaimGranted(_logger, record.WorkerId, position, grant.MineCount);
        return new ClaimGrant(grant.Mine, grant.Taken, grant.QueueEmpty);
    }

    /// <summary>Sends the scheduler's answers to waiting claims (their continuations run elsewhere). Under the lock.</summary>
    private void AnswerWaitingClaims()
    {
        if (_scheduler is null)
        {
            return;
        }

        foreach (var (claimant, grant) in _scheduler.TakeAnswers())
        {
            var record = _current.Values.FirstOrDefault(r => r.Claimant == claimant);
            if (record?.WaitingClaim is { } waiting)
            {
                record.WaitingClaim = null;
                waiting.TrySetResult(Granted(record, record.WaitingPosition, grant));
            }
        }
    }

    public void TestStarted(int workerId, int ordinal)
    {
        lock (_gate)
        {
            var record = _current[workerId];
            if (record.Killed)
            {
                return;
            }

            EnsureOwned(record, ordinal);
            record.Running = ordinal;
            record.RunningSince = record.LastSeen = _time.GetTimestamp();
        }

        TestProgress?.Invoke(new TestProgressEvent(workerId, ordinal, _results!.Test(ordinal).Node.FullName, null));
    }

    public void TestFinished(int workerId, int ordinal, TestOutcome outcome)
    {
        lock (_gate)
        {
            var record = _current[workerId];
            if (record.Killed)
            {
                return;
            }

            EnsureOwned(record, ordinal);
            record.Running = -1;
            record.LastSeen = _time.GetTimestamp();
            record.Granted.Remove(ordinal);
            record.Finished.Add(ordinal);
            record.TestsRun++;
            record.ResultSeconds += outcome.DurationSeconds;
            if (_results!.RecordTest(workerId, ordinal, outcome))
            {
                ResultMade(ordinal);
            }
            else
            {
                CoordinatorLog.DuplicateResult(_logger, ordinal, workerId);
            }

            _scheduler!.Finished(ordinal);
            if (outcome.Status == TestStatuses.Failed)
            {
                record.Failures++;
                CountFailure();
            }

            AnswerWaitingClaims();
        }

        TestProgress?.Invoke(new TestProgressEvent(workerId, ordinal, _results.Test(ordinal).Node.FullName, outcome));
    }

    /// <summary>NUnit reports no result for a test of this worker's (see <see cref="Protocol.Messages.TestUnreported"/>): no report has it.</summary>
    public void TestUnreported(int workerId, int ordinal)
    {
        lock (_gate)
        {
            var record = _current[workerId];
            if (record.Killed)
            {
                return;
            }

            EnsureOwned(record, ordinal);
            record.Granted.Remove(ordinal);
            record.Finished.Add(ordinal);
            if (_results!.RecordUnreported(ordinal))
            {
                ResultMade(ordinal);
            }
            else
            {
                CoordinatorLog.DuplicateResult(_logger, ordinal, workerId);
            }

            _scheduler!.Finished(ordinal);
            AnswerWaitingClaims();
        }
    }

    /// <summary>The file name of the assembly a test belongs to (its tree's root is the assembly's suite). The tree's shape never changes: no lock.</summary>
    public string AssemblyOf(int ordinal)
    {
        var node = _results!.Test(ordinal);
        while (node.Parent is { } parent)
        {
            node = parent;
        }

        return node.Node.Name;
    }

    public void WorkerOutput(int workerId, TestOutputLine line) => OutputReceived?.Invoke(workerId, line);

    /// <summary>
    /// Whether a worker's word on a suite counts (not from a killed worker); throws for a suite the
    /// run does not have. <paramref name="record"/> is the worker's, if it is still current. Under the lock.
    /// </summary>
    private bool SuiteReport(int workerId, int nodeIndex, out WorkerRecord? record)
    {
        if (_current.TryGetValue(workerId, out record) && record.Killed)
        {
            return false;
        }

        if (_results is null || !_results.IsValidSuite(nodeIndex))
        {
            throw new InvalidDataException($"worker {workerId} reported unknown suite {nodeIndex}");
        }

        return true;
    }

    public void SuiteStarted(int workerId, int nodeIndex)
    {
        lock (_gate)
        {
            if (SuiteReport(workerId, nodeIndex, out var record) && record is not null)
            {
                record.OpenSuites.Add(nodeIndex);
                record.LastSeen = _time.GetTimestamp();
            }
        }
    }

    public void SuiteFinished(int workerId, int nodeIndex, TestOutcome outcome)
    {
        lock (_gate)
        {
            if (!SuiteReport(workerId, nodeIndex, out var record))
            {
                return;
            }

            _results!.RecordSuite(nodeIndex, outcome);
            var open = record?.OpenSuites.LastIndexOf(nodeIndex) ?? -1;
            if (open >= 0)
            {
                record!.OpenSuites.RemoveAt(open);
                record.LastSeen = _time.GetTimestamp();
            }
        }
    }

    public void WorkerDone(int workerId, WorkerDone done)
    {
        ArgumentNullException.ThrowIfNull(done);
        lock (_gate)
        {
            var record = _current[workerId];
            if (record.Killed)
            {
                return;
            }

            record.Done = true;
            record.BusySeconds += done.BusySeconds;
            CoordinatorLog.WorkerFinished(_logger, workerId, done.TestsRun, done.BusySeconds);
        }
    }

    /// <summary>
    /// The connection of a worker ended. If it had not said it was done, the test it was running is
    /// reported failed with <paramref name="reason"/>, the tests it had not started go back to the
    /// queue, and a replacement is asked for.
    /// </summary>
    /// <summary>
    /// A worker died outside any test, inside a suite it had started (the innermost). If it had run
    /// none of that suite's tests yet, it died in the suite's one-time setup: the suite's tests it was
    /// given fail with the reason, as NUnit fails the tests of a broken OneTimeSetUp, instead of going
    /// back to the queue (where they would kill the next worker the same way). Otherwise it died in a
    /// one-time teardown or between tests: the suite is failed, and its unrun tests go back to the
    /// queue like the worker's others. Called under the lock.
    /// </summary>
    private void BlameSuite(WorkerRecord record, string reason, string? output, string detail = "")
    {
        var nodeIndex = record.OpenSuites[^1];
        var suite = _results!.Suite(nodeIndex).Node.FullName;
        var under = _results.TestsUnder(nodeIndex);
        var now = _time.GetUtcNow().UtcDateTime.Ticks;
        if (under.Exists(record.Finished.Contains))
        {
            var message = $"worker {record.WorkerId} {reason} after running tests of {suite}, outside any test (in its one-time teardown or between its tests){detail}";
            _results.RecordSuite(nodeIndex, new TestOutcome("Failed", "Error", "TearDown", message, null, output, now, now, 0, 0));
            return;
        }

        var setUpMessage = $"worker {record.WorkerId} {reason} in the one-time setup of {suite}, before any of its tests{detail}";
        foreach (var ordinal in under)
        {
            if (record.Granted.Contains(ordinal) && RecordFor(record, ordinal, new TestOutcome("Failed", "Error", "Parent", setUpMessage, null, output, now, now, 0, 0)))
            {
                record.Granted.Remove(ordinal);
            }
        }
    }

    /// <param name="diedOnItsOwn">
    /// The worker ended the connection itself (it crashed or exited), rather than being dropped or
    /// killed by the coordinator: only then is a death outside any test blamed on its open suite.
    /// </param>
    public void WorkerEnded(int workerId, string reason, string? output = null, bool diedOnItsOwn = false)
    {
        var replace = false;
        lock (_gate)
        {
            if (!_current.TryGetValue(workerId, out var record) || record.Ended)
            {
                return;
            }

            record.Ended = true;
            record.WaitingClaim?.TrySetCanceled();
            record.WaitingClaim = null;
            _current.Remove(workerId);
            _expectedWorkers--;
            if (!record.Done && Failure is null && _results is not null && _scheduler is not null)
            {
                CoordinatorLog.WorkerLost(_logger, workerId, reason);
                if (record.Running >= 0)
                {
                    var now = _time.GetUtcNow().UtcDateTime.Ticks;
                    var test = _results.Test(record.Running);
                    RecordFor(record, record.Running, new TestOutcome(
                        "Failed", "Error", "Test", $"worker {workerId} {reason} while running {test.Node.FullName}", null, output, now, now, _time.GetElapsedTime(record.RunningSince).TotalSeconds, 0));
                    record.Granted.Remove(record.Running);
                }
                else if (diedOnItsOwn && !record.Killed && record.OpenSuites.Count > 0)
                {
                    BlameSuite(record, reason, output);
                }

                _scheduler.Release(record.Granted);
                record.Granted.Clear();
                if (StoppedEarly)
                {
                    // Nothing more is handed out: a replacement would have nothing to run.
                }
                else if (_results.FinishedCount < _results.TestCount && RestartsLeft > 0)
                {
                    RestartsLeft--;
                    _expectedWorkers++;
                    replace = true;
                    CoordinatorLog.WorkerReplaced(_logger, workerId, RestartsLeft);
                }
                else if (_results.FinishedCount < _results.TestCount)
                {
                    RestartsExhausted = true;
                }
            }
            else if (record.Done && Failure is null && _settings.Shared && _scheduler is not null)
            {
                // It passed a unit leased after it (one another machine lost): a fresh worker
                // starts from the beginning. Not a restart: nothing went wrong. Otherwise its slot
                // waits for such a unit until the shared queue is done.
                if (_scheduler.WantsFreshWorker)
                {
                    _expectedWorkers++;
                    replace = true;
                }
                else
                {
                    _idleSlots.Add(workerId);
                }
            }

            _scheduler?.Leave(record.Claimant);
            AnswerWaitingClaims();
            CheckCompletion();
        }

        RaiseMadeResults();
        if (replace)
        {
            ReplacementNeeded?.Invoke(workerId);
        }
    }

    /// <summary>
    /// A worker process ended. One that never connected means the run cannot get its workers: the
    /// run fails with what the process said. One that did is handled when its connection ends.
    /// </summary>
    public void ProcessExited(int workerId, int processId, string description)
    {
        lock (_gate)
        {
            if (_all.Any(w => w.ProcessId == processId))
            {
                return;
            }

            Fail($"worker {workerId} {description} before it connected", ExitCodes.UnexpectedError);
        }
    }

    /// <summary>The run cannot go on (a launcher failed, Ctrl+C): end it now.</summary>
    public void Abort(string message, int exitCode)
    {
        lock (_gate)
        {
            Fail(message, exitCode);
        }
    }

    /// <summary>Builds the report; tests that never got a result are reported as not run with <paramref name="reason"/>.</summary>
    /// <remarks>With a null <paramref name="notRunReason"/> (an interrupted run) they are left without a result, which reports them as cancelled.</remarks>
    public RunReport BuildReport(DateTime startUtc, DateTime endUtc, string commandLine, string where, string? notRunReason)
    {
        lock (_gate)
        {
            var assemblies = _results?.Assemblies ?? [];
            if (_results is not null && notRunReason is not null)
            {
                foreach (var ordinal in _results.Unfinished().ToList())
                {
                    var ticks = endUtc.Ticks;
                    var outcome = StoppedEarly
                        ? new TestOutcome(TestStatuses.Skipped, ResultLabels.None, "Test", notRunReason, null, null, ticks, ticks, 0, 0)
                        : new TestOutcome(TestStatuses.Failed, ResultLabels.Error, "Test", notRunReason, null, null, ticks, ticks, 0, 0);
                    _results.RecordTest(-1, ordinal, outcome, StoppedEarly ? ResultOrigin.Stopped : ResultOrigin.NotRun);
                }
            }

            var workers = _all
                .GroupBy(w => w.WorkerId)
                .OrderBy(g => g.Key)
                .Select(g => new WorkerStats(g.Key, g.Sum(w => w.TestsRun), g.Sum(w => w.Done ? w.BusySeconds : w.ResultSeconds), g.Last().ProcessId, g.Count()))
                .ToList();
            return new RunReport(_settings.RunId, startUtc, endUtc, _settings.RandomSeed, _settings.WorkerCount, commandLine, where, assemblies, workers);
        }
    }

    /// <summary>
    /// Records a result the coordinator made for a worker's test (its crash, its timeout: <see cref="ResultOrigin.WorkerLost"/>), counted as
    /// that worker's, and queues its progress event, so it shows live like any other (a FAILED line).
    /// Under the lock; <see cref="RaiseMadeResults"/> raises the events after it.
    /// </summary>
    private bool RecordFor(WorkerRecord record, int ordinal, TestOutcome outcome)
    {
        if (!_results!.RecordTest(record.WorkerId, ordinal, outcome, ResultOrigin.WorkerLost))
        {
            return false;
        }

        ResultMade(ordinal);

        record.TestsRun++;
        record.ResultSeconds += outcome.DurationSeconds;
        if (outcome.Status == TestStatuses.Failed)
        {
            CountFailure();
        }

        _madeResults.Add(new TestProgressEvent(record.WorkerId, ordinal, _results.Test(ordinal).Node.FullName, outcome));
        return true;
    }

    /// <summary>Raises the progress events of the results made under the lock; outside it.</summary>
    private void RaiseMadeResults()
    {
        List<TestProgressEvent> made;
        lock (_gate)
        {
            if (_madeResults.Count == 0)
            {
                return;
            }

            made = [.. _madeResults];
            _madeResults.Clear();
        }

        foreach (var progress in made)
        {
            TestProgress?.Invoke(progress);
        }
    }

    private AbortRun Fail(string message, int exitCode)
    {
        Failure ??= new RunFailure(message, exitCode);
        foreach (var record in _current.Values)
        {
            record.WaitingClaim?.TrySetResult(new ClaimGrant([], [], QueueEmpty: true));
            record.WaitingClaim = null;
        }

        _completion.TrySetResult();
        return new AbortRun(Failure.Message);
    }

    private void CheckCompletion()
    {
        // A node of a shared build is done once the queue is: a unit another node loses may yet come.
        if (_expectedWorkers <= 0 && _scheduler?.SharedQueueFinished != false)
        {
            _completion.TrySetResult();
        }
    }

    private static void EnsureOwned(WorkerRecord record, int ordinal)
    {
        if (!record.Granted.Contains(ordinal))
        {
            throw new InvalidDataException($"worker {record.WorkerId} reported test {ordinal}, which it was not granted");
        }
    }
}
