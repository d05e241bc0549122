using Microsoft.Extensions.Logging;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Running;

namespace Mproc.Coordinator.Distributed;

/// <summary>
/// A node's link between its run and the build's shared queue: offers the plan, keeps a small
/// reserve of leased units ahead of its workers, renews its leases in one call every third of a
/// lease time (with the locks of the global fixtures it set up for the build), and completes each
/// unit with its results once all its tests have one. The one task of <see cref="RunAsync"/> does
/// all of it, so the leases have one owner; the run only signals.
/// </summary>
public sealed class BuildNode : IDisposable
{
    /// <summary>How often a node with nothing to lease asks again while other nodes still hold leases (one may expire).</summary>
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(250);

    /// <summary>How often finished units are stored (together) and the reserve is topped up when no claim asks sooner.</summary>
    private static readonly TimeSpan Round = TimeSpan.FromMilliseconds(100);

    private readonly RedisBuild _build;
    private readonly TestRun _run;
    private readonly QueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<string> _warn;
    private readonly Action<string> _inform;
    private readonly BuildFixtures? _fixtures;
    private readonly Dictionary<int, UnitLease> _held = [];
    // At most one wake-up pending: a burst of claims wakes the loop once.
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Action _pulse;
    private bool _queueDone;

    /// <param name="inform">Where a line for the user goes (the attempt this node opened).</param>
    /// <param name="fixtures">The node's global fixtures, whose locks are renewed with its leases.</param>
    public BuildNode(RedisBuild build, TestRun run, QueueOptions options, TimeProvider time, ILogger logger, Action<string> warn, Action<string>? inform = null, BuildFixtures? fixtures = null)
    {
        _inform = inform ?? (_ => { });
        _fixtures = fixtures;
        _build = build;
        _run = run;
        _options = options;
        _time = time;
        _logger = logger;
        _warn = warn;
        _pulse = Pulse;
        run.SharedWorkChanged += _pulse;
    }

    private int _leasesLost;
    private int _recorded;

    /// <summary>Units whose lease this node lost to another node while it held them.</summary>
    public int LeasesLost => _leasesLost;

    /// <summary>Results this node's leases recorded (a test that had one already keeps the first).</summary>
    public int Recorded => _recorded;

    /// <summary>
    /// Runs until the run has completed and every unit it ran is completed in the queue; returns
    /// early when <paramref name="stopping"/> is cancelled (then <see cref="FinishAsync"/> gives the
    /// rest back). A plan that differs from the build's, or a queue that fails, aborts the run.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            // A run that fails before its discovery is accepted has no plan to offer.
            await Task.WhenAny(_run.Plan, _run.Completion).WaitAsync(stopping).ConfigureAwait(false);
            if (!_run.Plan.IsCompleted || !await JoinAsync(await _run.Plan.ConfigureAwait(false)).ConfigureAwait(false))
            {
                return;
            }

            var workers = _run.Settings.WorkerCount;
            var ask = 2 * workers;
            _run.TopUpBelow(LowWater(ask, workers));
            Task? signalled = null;
            var renewEvery = _options.LeaseTime / 3;
            var renewAt = _time.GetTimestamp();
            while (true)
            {
                var wait = Round;
                // A worker waiting to learn its next test's fate needs more leases however many are open
                // (a node-scoped group's parts may lie ahead of it).
                if (!_queueDone && !_run.StoppedEarly && (_run.OpenTests < LowWater(ask, workers) || _run.WaitsForLease))
                {
                    // Before storing finished units: the workers may be waiting for these.
                    var reservation = await _build.ReserveAsync(ask).ConfigureAwait(false);
                    var leases = reservation.Leases;
                    ask = AskFor(reservation, workers);
                    _run.TopUpBelow(LowWater(ask, workers));
                    foreach (var lease in leases)
                    {
                        _held[lease.Unit] = lease;
                    }

                    if (reservation.Attempt > _build.Attempt)
                    {
                        // A re-run of the build took over: what this node still holds is queued again there.
                        _warn($"build {_build.BuildId} moved on to attempt {reservation.Attempt}: this node (attempt {_build.Attempt}) takes no more tests, and the results of the units it held are dropped");
                        _queueDone = true;
                        _run.SharedQueueDone();
                    }
                    else if (leases.Count > 0)
                    {
                        _run.Leased(leases.Select(l => l.Unit));
                        wait = TimeSpan.Zero;
                    }
                    else
                    {
                        _run.AllHandedOut();
                        if (await _build.DrainedAsync().ConfigureAwait(false))
                        {
                            _queueDone = true;
                            _run.SharedQueueDone();
                        }

                        wait = IdlePoll;
                        ask = workers;
                    }
                }

                await CompleteDoneAsync().ConfigureAwait(false);
                if (_run.Completion.IsCompleted)
                {
                    return;
                }

                if (_run.StoppedEarly && !_queueDone)
                {
                    // --max-fail: this node takes nothing more; what it holds unrun goes back at its end.
                    _queueDone = true;
                    _run.SharedQueueDone();
                    continue;
                }

                if (_time.GetElapsedTime(renewAt) >= renewEvery)
                {
                    await RenewAsync().ConfigureAwait(false);
                    renewAt = _time.GetTimestamp();
                }

                if (wait == TimeSpan.Zero)
                {
                    // Leased just now: top up again at once if the reserve is still low.
                    continue;
                }

                var untilRenew = renewEvery - _time.GetElapsedTime(renewAt);
                wait = untilRenew < wait ? untilRenew : wait;
                signalled ??= _signal.WaitAsync(stopping);
                await Task.WhenAny(signalled, _run.Completion, Task.Delay(Max(wait, TimeSpan.FromMilliseconds(1)), _time, stopping)).ConfigureAwait(false);
                stopping.ThrowIfCancellationRequested();
                if (signalled.IsCompleted)
                {
                    signalled = null;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException or QueueUnavailableException or InvalidDataException)
        {
            _run.Abort($"the shared queue failed: {FirstLine(e.Message)}", ExitCodes.UnexpectedError);
        }
    }

    /// <summary>
    /// Once the run is over: stores the units that ran to their end, and gives back every other
    /// lease this node holds (it stops before running them), so other nodes take them at once.
    /// </summary>
    public async Task FinishAsync()
    {
        try
        {
            await CompleteDoneAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            // Their leases expire, and other nodes run them again.
            CoordinatorLog.QueueProblem(_logger, e.Message);
        }

        foreach (var lease in _held.Values.ToList())
        {
            try
            {
                await _build.ReleaseAsync(lease).ConfigureAwait(false);
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                // The lease expires by itself.
                CoordinatorLog.QueueProblem(_logger, e.Message);
            }

            _held.Remove(lease.Unit);
        }
    }

    /// <summary>
    /// Offers the plan, and opens this node's attempt when it is later than the build's; false (and
    /// the run aborted) when the build's plan differs or the build is at a later attempt.
    /// </summary>
    private async Task<bool> JoinAsync(BuildPlan plan)
    {
        var assemblies = plan.Assemblies();
        var hash = BuildRecords.Hash(assemblies, plan.Units);
        var encoded = BuildRecords.Encode(plan);
        var joined = await _build.JoinAsync(hash, encoded, plan.Units.Count).ConfigureAwait(false);
        if (joined == PlanJoin.Created)
        {
            return true;
        }

        if (joined == PlanJoin.Joined)
        {
            var current = await _build.ReadAttemptAsync().ConfigureAwait(false);
            if (current < _build.Attempt)
            {
                current = await OpenAttemptAsync(plan).ConfigureAwait(false);
            }

            if (current > _build.Attempt)
            {
                _run.Abort(BuildAttempts.Refusal(_build.BuildId, _build.Attempt, current), ExitCodes.InvalidArgument);
                return false;
            }

            return true;
        }

        var stored = await _build.ReadPlanAsync().ConfigureAwait(false);
        string difference;
        if (stored is null)
        {
            difference = "the build's plan could not be read";
        }
        else
        {
            var theirs = BuildRecords.DecodePlan(stored);
            difference = DiscoveryComparer.FirstDifference(theirs.Assemblies(), -1, assemblies, -2)?
                .Replace("worker -1", "the build's plan", StringComparison.Ordinal)
                .Replace("worker -2", "this node", StringComparison.Ordinal)
                ?? $"the tests are the same but they are planned differently ({theirs.Units.Count} units in the build's plan, {plan.Units.Count} here): give every node the same timings file";
        }

        _run.Abort($"this node's tests differ from those of build {_build.BuildId}: {difference}", ExitCodes.DiscoveryMismatch);
        return false;
    }

    /// <summary>
    /// Opens this node's attempt: chooses what runs again from the results as read, and tries again
    /// when more came in before the script ran (a machine of the closing attempt still finishing).
    /// Returns the build's attempt after.
    /// </summary>
    private async Task<int> OpenAttemptAsync(BuildPlan plan)
    {
        while (true)
        {
            var progress = await _build.ProgressAsync().ConfigureAwait(false);
            if (progress.Attempt >= _build.Attempt)
            {
                return progress.Attempt;
            }

            var stored = await _build.ReadResultsAsync().ConfigureAwait(false);
            var results = BuildRecords.DecodeResults(stored);
            var retry = BuildAttempts.Choose(plan.Units, results, progress.GivenUp, progress.Attempt, _time.GetUtcNow().UtcDateTime.Ticks);
            var (attempt, opening) = await _build.OpenAttemptAsync(progress.Attempt, stored.Count, progress.GivenUp.Count, retry).ConfigureAwait(false);
            if (opening == AttemptOpening.Opened)
            {
                _inform(retry.Units.Count == 0
                    ? $"attempt {attempt} of build {_build.BuildId}: no test failed or went without a result in attempt {progress.Attempt}, so nothing runs again"
                    : $"attempt {attempt} of build {_build.BuildId}: {retry.Tests} tests in {retry.Units.Count} units run again (they hold the tests that failed or have no result in attempt {progress.Attempt})");
            }

            if (opening != AttemptOpening.Changed)
            {
                return attempt;
            }
        }
    }

    /// <summary>
    /// How many units to ask for next: a share of what the queue holds, so a node's workers do not
    /// wait on round trips while tests are short and many (guided self-scheduling over the nodes
    /// seen), shrinking to one per worker at the end so the last units spread over the nodes.
    /// </summary>
    public static int AskFor(Reservation reservation, int workers)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        // A quarter of a worker's even share. Half a share (measured, bench/shared.sh) made 1 node x 3
        // workers faster on 10,000 trivial tests (2.40x against 2.63x of a run without a queue) but
        // 3 nodes x 1 worker slower on 200 x 50 ms (1.67x against 1.28x): the last units spread worse.
        var share = reservation.QueueLeft / (4.0 * Math.Max(2, reservation.Nodes) * workers);
        return (int)Math.Clamp(Math.Ceiling(share), workers, MaxAsk);
    }

    private const int MaxAsk = 1024;

    /// <summary>The reserve is topped up when fewer leased tests than this are left unclaimed: half an ask ahead, so a round trip overlaps the workers' running.</summary>
    private static int LowWater(int ask, int workers) => Math.Max(workers, ask / 2);

    /// <summary>Completes the units whose tests all have results, in one call.</summary>
    private async Task CompleteDoneAsync()
    {
        var units = new List<(int Unit, UnitLease Lease, KeyValuePair<string, byte[]>[] Results)>();
        foreach (var (unit, results) in _run.TakeUnitsDone(_build.NodeId, _build.Attempt))
        {
            if (_held.Remove(unit, out var lease))
            {
                units.Add((unit, lease, results));
            }
        }

        if (units.Count == 0)
        {
            return;
        }

        var completions = await _build.CompleteAsync([.. units.Select(u => (u.Lease, (IReadOnlyCollection<KeyValuePair<string, byte[]>>)u.Results))]).ConfigureAwait(false);
        for (var i = 0; i < units.Count; i++)
        {
            _recorded += completions[i].Recorded;
            if (!completions[i].Held)
            {
                _leasesLost++;
                _warn($"the lease on unit {units[i].Unit} expired before its results were stored; another node runs it (its {units[i].Results.Length} results here were dropped)");
            }
        }
    }

    private async Task RenewAsync()
    {
        var locks = _fixtures?.HeldLocks() ?? [];
        if (_held.Count == 0 && locks.Count == 0)
        {
            return;
        }

        var renewal = await _build.RenewAsync(_held.Values.ToList(), locks).ConfigureAwait(false);
        foreach (var unit in renewal.Units)
        {
            if (_held.Remove(unit))
            {
                _leasesLost++;
                _warn($"the lease on unit {unit} expired (was this node paused?); another node runs it, and results here for it are dropped");
            }
        }

        foreach (var fixture in renewal.Fixtures)
        {
            _fixtures!.LockLost(fixture);
        }
    }

    public void Dispose()
    {
        _run.SharedWorkChanged -= _pulse;
        _signal.Dispose();
    }

    private void Pulse()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another signal got there first.
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
