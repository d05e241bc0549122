using System.Globalization;
using Mproc.Coordinator.Fixtures;
using Mproc.Protocol.Messages;
using Mproc.Worker.Fixtures;

namespace Mproc.Coordinator.Distributed;

/// <summary>
/// A node's global fixtures in a build shared by several machines, over the node's own fixture
/// service. A build-scoped fixture is set up once for the whole build: the first node whose test
/// asks takes the fixture's lock in Redis, sets it up here, and stores the value (or the SetUp's
/// error) for every node; the others wait for it and read it. The holder's lock is renewed with the
/// node's leases (<see cref="BuildNode"/>), and it tears the fixture down after the build's last
/// test. A holder that dies loses its lock when it expires, and the next node to ask sets the
/// fixture up again. A node-scoped fixture is the node's own, as on one machine. Every SetUp and
/// TearDown is noted in Redis for the build's report.
/// </summary>
public sealed class BuildFixtures : IGlobalFixtureService
{
    /// <summary>How often a holder waiting for the build to finish looks again.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    private readonly object _gate = new();
    private readonly IGlobalFixtureService _local;
    private readonly RedisBuild _build;
    private readonly TimeSpan? _timeout;
    private readonly TimeSpan _inactiveTimeout;
    private readonly TimeProvider _time;
    private readonly CancellationToken _interrupted;
    private readonly Action<string> _say;
    private readonly Action<string> _warn;
    private readonly Dictionary<string, Task<GlobalFixtureValue>> _answers = new(StringComparer.Ordinal);
    // The locks of the build-scoped fixtures this node set up, until they are torn down.
    private readonly Dictionary<string, FixtureLock> _locks = new(StringComparer.Ordinal);
    // Fixtures whose SetUp returned here (the local service tears them down), for their TearDown events.
    private readonly List<(string Fixture, GlobalFixtureScope Scope)> _setUpHere = [];
    private bool _closed;

    /// <param name="local">This node's own fixtures (its fixture host, or in-process).</param>
    /// <param name="timeout">--test-timeout: also bounds the wait for another node's SetUp.</param>
    /// <param name="inactiveTimeout">A holder stops waiting for the build to finish when no other node did anything for this long.</param>
    /// <param name="say">Writes a line to the run's output.</param>
    /// <param name="warn">Writes a warning.</param>
    /// <param name="interrupted">Ctrl+C: a holder tears down at once.</param>
    public BuildFixtures(IGlobalFixtureService local, RedisBuild build, TimeSpan? timeout, TimeSpan inactiveTimeout, TimeProvider time, Action<string> say, Action<string> warn, CancellationToken interrupted)
    {
        _local = local;
        _build = build;
        _timeout = timeout;
        _inactiveTimeout = inactiveTimeout;
        _time = time;
        _interrupted = interrupted;
        _say = say;
        _warn = warn;
    }

    public bool AnyRequested
    {
        get
        {
            lock (_gate)
            {
                return _answers.Count > 0 || _local.AnyRequested;
            }
        }
    }

    public Task<GlobalFixtureValue> GetAsync(GlobalFixtureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Task<GlobalFixtureValue> answer;
        lock (_gate)
        {
            if (_closed)
            {
                return Task.FromResult(new GlobalFixtureValue(null, $"global fixture {request.FixtureType}: the run is over"));
            }

            if (!_answers.TryGetValue(request.FixtureType, out answer!))
            {
                answer = Task.Run(() => request.Scope == GlobalFixtureScope.Node ? NodeScopedAsync(request) : BuildScopedAsync(request), CancellationToken.None);
                _answers.Add(request.FixtureType, answer);
            }
        }

        return answer.WaitAsync(cancellationToken);
    }

    /// <summary>The locks this node holds on fixtures it set up for the build, for the node's renewals.</summary>
    public IReadOnlyCollection<FixtureLock> HeldLocks()
    {
        lock (_gate)
        {
            return [.. _locks.Values];
        }
    }

    /// <summary>A renewal found the lock gone (it expired, and another node may have set the fixture up again).</summary>
    public void LockLost(string fixture)
    {
        lock (_gate)
        {
            if (!_locks.Remove(fixture))
            {
                return;
            }
        }

        _warn($"the lock on global fixture {FixtureHostProcess.NameOf(fixture)} expired (was this node paused?); another node sets it up again if asked, and it is torn down here at this node's end");
    }

    /// <summary>
    /// Tears down what this node set up: when it holds build-scoped fixtures, once the build is done
    /// (every planned test has a result), or no other node did anything for the inactive timeout, or
    /// at once when interrupted. Notes each TearDown in Redis.
    /// </summary>
    public async Task<IReadOnlyList<string>> TearDownAsync()
    {
        List<FixtureLock> held;
        lock (_gate)
        {
            _closed = true;
            held = [.. _locks.Values];
        }

        if (held.Count > 0 && !_interrupted.IsCancellationRequested)
        {
            var names = string.Join(", ", held.Select(l => FixtureHostProcess.NameOf(l.Fixture)));
            _say($"nunit-mproc: node {_build.NodeId} waits for build {_build.BuildId} to finish to tear down global fixture{(held.Count == 1 ? string.Empty : "s")} {names}");
            await WaitForBuildAsync().ConfigureAwait(false);
        }

        var problems = (await _local.TearDownAsync().ConfigureAwait(false)).ToList();
        List<(string Fixture, GlobalFixtureScope Scope)> setUpHere;
        Dictionary<string, FixtureLock> locks;
        lock (_gate)
        {
            setUpHere = [.. _setUpHere];
            locks = new(_locks, StringComparer.Ordinal);
            _locks.Clear();
        }

        foreach (var (fixture, scope) in setUpHere)
        {
            var name = FixtureHostProcess.NameOf(fixture);
            var tornDown = new FixtureEvent(name, _build.NodeId, scope, FixtureStage.TearDown, null, ProblemsOf(name, problems));
            try
            {
                if (locks.TryGetValue(fixture, out var heldLock))
                {
                    await _build.EndFixtureAsync(heldLock, tornDown).ConfigureAwait(false);
                }
                else
                {
                    await _build.AddFixtureEventAsync(tornDown).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (IsQueueFailure(e))
            {
                problems.Add($"global fixture {name}: its TearDown could not be noted in the shared queue: {FirstLine(e.Message)}");
            }
        }

        return problems;
    }

    /// <summary>
    /// The problems of a TearDown that concern one fixture: the fixture services word each
    /// "global fixture NAME: ..." (TearDown threw, did not finish, was never reached).
    /// </summary>
    public static IReadOnlyList<string> ProblemsOf(string fixtureName, IEnumerable<string> problems) =>
        [.. problems.Where(p => p.StartsWith($"global fixture {fixtureName}:", StringComparison.Ordinal))];

    private async Task<GlobalFixtureValue> NodeScopedAsync(GlobalFixtureRequest request)
    {
        var value = await _local.GetAsync(request, CancellationToken.None).ConfigureAwait(false);
        var name = FixtureHostProcess.NameOf(request.FixtureType);
        if (value.Error is null)
        {
            lock (_gate)
            {
                _setUpHere.Add((request.FixtureType, GlobalFixtureScope.Node));
            }
        }

        try
        {
            await _build.AddFixtureEventAsync(new FixtureEvent(name, _build.NodeId, GlobalFixtureScope.Node, FixtureStage.SetUp, null, value.Error is null ? [] : [value.Error])).ConfigureAwait(false);
        }
        catch (Exception e) when (IsQueueFailure(e))
        {
            _warn($"global fixture {name}: its SetUp could not be noted in the shared queue: {FirstLine(e.Message)}");
        }

        return value;
    }

    private async Task<GlobalFixtureValue> BuildScopedAsync(GlobalFixtureRequest request)
    {
        var name = FixtureHostProcess.NameOf(request.FixtureType);
        var started = _time.GetTimestamp();
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                switch (await _build.TakeFixtureAsync(request.FixtureType).ConfigureAwait(false))
                {
                    case FixtureLockAnswer.Stored stored:
                        return stored.Record.ToValue();
                    case FixtureLockAnswer.Taken taken:
                        return await SetUpHereAsync(request, name, taken).ConfigureAwait(false);
                    case FixtureLockAnswer.Wait wait:
                        if (FixtureWait.GivesUp(_time.GetElapsedTime(started), _timeout, _build.Options.LeaseTime))
                        {
                            return new GlobalFixtureValue(null, string.Create(CultureInfo.InvariantCulture,
                                $"global fixture {name}: node {wait.Holder} was still setting it up after --test-timeout {_timeout!.Value.TotalSeconds} s"));
                        }

                        await Task.Delay(FixtureWait.Next(attempt, wait.LockLeft), _time, _interrupted).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (_interrupted.IsCancellationRequested)
        {
            return new GlobalFixtureValue(null, $"global fixture {name}: the run was interrupted");
        }
        catch (Exception e) when (IsQueueFailure(e))
        {
            return new GlobalFixtureValue(null, $"global fixture {name}: the shared queue failed: {FirstLine(e.Message)}");
        }
    }

    /// <summary>This node took the lock: sets the fixture up here and stores what SetUp gave for every node.</summary>
    private async Task<GlobalFixtureValue> SetUpHereAsync(GlobalFixtureRequest request, string name, FixtureLockAnswer.Taken taken)
    {
        lock (_gate)
        {
            _locks[request.FixtureType] = taken.Lock;
        }

        var value = await _local.GetAsync(request, CancellationToken.None).ConfigureAwait(false);
        bool closed;
        lock (_gate)
        {
            closed = _closed;
        }

        if (closed && value.Error is not null)
        {
            // This node's run ended before the SetUp could run here: not an error for the other nodes.
            lock (_gate)
            {
                _locks.Remove(request.FixtureType);
            }

            await _build.ReleaseFixtureAsync(taken.Lock).ConfigureAwait(false);
            return value;
        }

        var setUp = new FixtureEvent(name, _build.NodeId, GlobalFixtureScope.Build, FixtureStage.SetUp, taken.Lost, value.Error is null ? [] : [value.Error]);
        var stored = await _build.StoreFixtureAsync(taken.Lock, new FixtureRecord(_build.NodeId, value.Json, value.Error), setUp).ConfigureAwait(false);
        lock (_gate)
        {
            if (value.Error is null)
            {
                _setUpHere.Add((request.FixtureType, GlobalFixtureScope.Build));
            }

            // After an error there is nothing to hold: every node gets the error from Redis.
            if (value.Error is not null || !stored)
            {
                _locks.Remove(request.FixtureType);
            }
        }

        if (!stored)
        {
            _warn($"the lock on global fixture {name} expired while it was set up here (was this node paused?); this node's tests use the value set up here, and other nodes set it up again");
        }

        return value;
    }

    /// <summary>Waits until the build is done, renewing this node's fixture locks meanwhile; stops early when no other node does anything.</summary>
    private async Task WaitForBuildAsync()
    {
        var lastChange = _time.GetTimestamp();
        var renewed = lastChange;
        string? last = null;
        try
        {
            while (!await _build.DrainedAsync().ConfigureAwait(false))
            {
                var activity = (await _build.ProgressAsync().ConfigureAwait(false)).Activity(exceptNode: _build.NodeId);
                if (activity != last)
                {
                    last = activity;
                    lastChange = _time.GetTimestamp();
                }
                else if (_time.GetElapsedTime(lastChange) >= _inactiveTimeout)
                {
                    _warn(string.Create(CultureInfo.InvariantCulture,
                        $"build {_build.BuildId} is not done, but no other node did anything for {_inactiveTimeout.TotalSeconds} s: tearing down now"));
                    return;
                }

                if (_time.GetElapsedTime(renewed) >= _build.Options.LeaseTime / 3)
                {
                    foreach (var fixture in (await _build.RenewAsync([], HeldLocks()).ConfigureAwait(false)).Fixtures)
                    {
                        LockLost(fixture);
                    }

                    renewed = _time.GetTimestamp();
                }

                await Task.Delay(Poll, _time, _interrupted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_interrupted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (IsQueueFailure(e))
        {
            _warn($"cannot follow build {_build.BuildId} to its end ({FirstLine(e.Message)}): tearing down now");
        }
    }

    private static bool IsQueueFailure(Exception e) =>
        e is StackExchange.Redis.RedisException or TimeoutException or QueueUnavailableException or InvalidDataException;

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
