using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace Mproc.Coordinator.Distributed;

/// <summary>A unit a node holds, and the lease that lets it report for that unit.</summary>
/// <param name="TimesLost">How many earlier leases on this unit expired with their node.</param>
public readonly record struct UnitLease(int Unit, long LeaseId, int TimesLost);

/// <summary>The units a node leased, and what the queue held after: units left and nodes seen, to size the next ask; and the build's attempt (later than the node's: nothing was leased).</summary>
public sealed record Reservation(IReadOnlyList<UnitLease> Leases, long QueueLeft, int Nodes, int Attempt = 1);

/// <summary>What became of a node's call to open a later attempt of the build.</summary>
public enum AttemptOpening
{
    /// <summary>This node opened it: the units to run again are queued.</summary>
    Opened,
    /// <summary>The build is at this attempt already (another node of it opened it), or at a later one.</summary>
    AlreadyThere,
    /// <summary>Results came in (or units were given up) since the node read them: it reads again.</summary>
    Changed,
}

/// <summary>What became of a node's offer of the build's plan.</summary>
public enum PlanJoin
{
    /// <summary>This node was first: its plan is the build's.</summary>
    Created,
    /// <summary>The stored plan has the same hash.</summary>
    Joined,
    /// <summary>The stored plan differs: the nodes were not given the same tests.</summary>
    Differs,
}

/// <summary>What became of a unit's completion: whether the lease was still this node's, and how many of its results were new.</summary>
/// <param name="Held">False when the lease was no longer current (it expired and the unit went to another node): its results were dropped and counted.</param>
/// <param name="Recorded">Results stored; a test that already had one (from an earlier lease of its unit) keeps the first.</param>
public readonly record struct Completion(bool Held, int Recorded);

/// <summary>A snapshot of the build, for the report step and for a node deciding whether to wait.</summary>
public sealed record BuildProgress(
    int Attempt,
    long Results,
    long UnitsLeft,
    long UnitsDone,
    IReadOnlyDictionary<int, string> Leased,
    IReadOnlyDictionary<int, IReadOnlyList<string>> GivenUp,
    long LateResults,
    IReadOnlyDictionary<string, DateTimeOffset> NodesLastSeen)
{
    /// <summary>
    /// Changes whenever a node does anything (a result, a lease, a renewal, a new attempt): what inactivity is
    /// measured by. <paramref name="exceptNode"/> does not count (a node that waits renews its own locks).
    /// </summary>
    public string Activity(string? exceptNode = null) =>
        string.Join('|', Attempt, Results, UnitsLeft, string.Join(",", NodesLastSeen.Where(n => n.Key != exceptNode).Select(n => n.Value.ToUnixTimeMilliseconds()).Order()));
}

/// <summary>
/// The build's shared queue in Redis: one plan, units leased to nodes with deadlines on the
/// server's clock, results accepted only from a unit's current lease holder (the first result of a
/// test wins). Every step is one Lua script, so each is atomic, and each checks the lease id, so a
/// retry after a dropped connection cannot record twice or take a lease from another node. Keys
/// expire after <see cref="QueueOptions.KeyLifetime"/>; nothing relies on an eviction policy.
/// </summary>
public sealed class RedisBuild : IAsyncDisposable
{
    private static readonly string PlanScript = LoadScript("plan");
    private static readonly string ReserveScript = LoadScript("reserve");
    private static readonly string RenewScript = LoadScript("renew");
    private static readonly string EndLeaseScript = LoadScript("end-lease");
    private static readonly string OpenAttemptScript = LoadScript("open-attempt");
    private static readonly string FixtureLockScript = LoadScript("fixture-lock");
    private static readonly string FixtureRecordScript = LoadScript("fixture-record");

    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _db;
    private readonly BuildKeys _keys;
    private readonly QueueOptions _options;

    private RedisBuild(ConnectionMultiplexer connection, string buildId, string nodeId, QueueOptions options, int attempt)
    {
        _connection = connection;
        _db = connection.GetDatabase();
        _keys = new BuildKeys(buildId);
        NodeId = nodeId;
        _options = options;
        Attempt = attempt;
    }

    public string NodeId { get; }

    /// <summary>The attempt of the build this node (or report) belongs to: a CI re-run raises it.</summary>
    public int Attempt { get; }

    public string BuildId => _keys.BuildId;

    public QueueOptions Options => _options;

    /// <summary>
    /// Connects, or fails with a <see cref="QueueUnavailableException"/> whose message is one line
    /// for the user (address without its password; unreachable, refused login, TLS failure).
    /// </summary>
    public static async Task<RedisBuild> ConnectAsync(QueueAddress address, string buildId, string nodeId, QueueOptions options, int attempt = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        ConnectionMultiplexer connection;
        try
        {
            connection = await ConnectionMultiplexer.ConnectAsync(address.ToOptions()).ConfigureAwait(false);
        }
        catch (RedisConnectionException e)
        {
            throw new QueueUnavailableException($"cannot reach the queue at {address}: {Reason(e)}", e);
        }
        try
        {
            // A login or TLS problem can surface only at the first command.
            for (var ping = 1; ; ping++)
            {
                try
                {
                    await connection.GetDatabase().PingAsync().ConfigureAwait(false);
                    break;
                }
                catch (RedisConnectionException e) when (ping < 5 && e.FailureType is ConnectionFailureType.SocketClosed or ConnectionFailureType.SocketFailure)
                {
                    // Dropped as it was made (a server restarting, a proxy): the client reconnects.
                    await Task.Delay(200 * ping).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new QueueUnavailableException($"cannot use the queue at {address}: {Reason(e)}", e);
        }
        return new RedisBuild(connection, buildId, nodeId, options, attempt);
    }

    /// <summary>Offers this node's plan: stored if it is the first (the build starts at this node's attempt), else compared by hash.</summary>
    public async Task<PlanJoin> JoinAsync(string planHash, byte[] plan, int unitCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(planHash);
        ArgumentNullException.ThrowIfNull(plan);
        var reply = (RedisResult[])(await Retry(() => _db.ScriptEvaluateAsync(PlanScript,
            [_keys.Plan, _keys.PlanHash, _keys.Queue, _keys.Attempt],
            [planHash, plan, unitCount, Ttl, Attempt])).ConfigureAwait(false))!;
        if ((string?)reply[0] != planHash)
        {
            return PlanJoin.Differs;
        }
        return (int)reply[1] == 1 ? PlanJoin.Created : PlanJoin.Joined;
    }

    /// <summary>The build's current attempt: 1 until a re-run opens a later one (also before any node stored a plan).</summary>
    public async Task<int> ReadAttemptAsync() =>
        (int?)await Retry(() => _db.StringGetAsync(_keys.Attempt)).ConfigureAwait(false) ?? 1;

    /// <summary>
    /// Opens this node's attempt, later than <paramref name="read"/> (the build's attempt when the
    /// node read the results it chose <paramref name="retry"/> from; with their count and the count
    /// of units given up then): one script, so the nodes of a re-run that arrive together agree.
    /// </summary>
    public async Task<(int Attempt, AttemptOpening Opening)> OpenAttemptAsync(int read, long resultsRead, int givenUpRead, AttemptRetry retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var values = new List<RedisValue>(6 + retry.Units.Count + 2 * retry.SetAside.Count) { read, Attempt, resultsRead, givenUpRead, Ttl, retry.Units.Count };
        values.AddRange(retry.Units.Select(u => (RedisValue)u));
        foreach (var (key, value) in retry.SetAside)
        {
            values.Add(key);
            values.Add(value ?? RedisValue.EmptyString);
        }

        RedisKey[] keys = [_keys.Attempt, _keys.Results, _keys.GivenUp, _keys.SetAside, _keys.Queue, _keys.Lease, _keys.Holder, _keys.Deadline, _keys.Done, _keys.Lost, _keys.LostBy, _keys.Nodes, _keys.FixtureLease, _keys.FixtureHolder, _keys.FixtureDeadline, _keys.FixtureValue];
        var reply = (RedisResult[])(await Retry(() => _db.ScriptEvaluateAsync(OpenAttemptScript, [.. keys, .. _keys.All.Except(keys)], [.. values])).ConfigureAwait(false))!;
        return ((int)reply[0], (int)reply[1] switch
        {
            1 => AttemptOpening.Opened,
            0 => AttemptOpening.AlreadyThere,
            _ => AttemptOpening.Changed,
        });
    }

    /// <summary>The results earlier attempts set aside before their tests ran again, by "attempt:test key".</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> ReadSetAsideAsync()
    {
        var entries = await Retry(() => _db.HashGetAllAsync(_keys.SetAside)).ConfigureAwait(false);
        return entries.ToDictionary(e => (string)e.Name!, e => (byte[])e.Value!, StringComparer.Ordinal);
    }

    /// <summary>The stored plan, for a node or the report step to read (null before any node stored one).</summary>
    public async Task<byte[]?> ReadPlanAsync() => (byte[]?)await Retry(() => _db.StringGetAsync(_keys.Plan)).ConfigureAwait(false);

    /// <summary>Leases up to <paramref name="count"/> units: units whose lease expired first, then the queue's next.</summary>
    public async Task<Reservation> ReserveAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var reply = await Retry(() => _db.ScriptEvaluateAsync(ReserveScript,
            [_keys.Queue, _keys.Lease, _keys.Holder, _keys.Deadline, _keys.Lost, _keys.LostBy, _keys.GivenUp, _keys.Counter, _keys.Nodes, _keys.Attempt],
            [NodeId, LeaseMilliseconds, _options.MaxLost, count, Ttl, Attempt])).ConfigureAwait(false);
        var parts = (RedisResult[])reply!;
        var leases = new List<UnitLease>();
        foreach (var entry in (RedisResult[])parts[0]!)
        {
            var fields = (RedisResult[])entry!;
            leases.Add(new UnitLease(
                int.Parse((string)fields[0]!, CultureInfo.InvariantCulture),
                long.Parse((string)fields[1]!, CultureInfo.InvariantCulture),
                (int)fields[2]));
        }
        return new Reservation(leases, (long)parts[1], (int)parts[2], (int)parts[3]);
    }

    /// <summary>Moves all the given leases' deadlines on in one call; answers the units whose lease this node no longer holds.</summary>
    public async Task<IReadOnlyList<int>> RenewAsync(IReadOnlyCollection<UnitLease> leases) => (await RenewAsync(leases, []).ConfigureAwait(false)).Units;

    /// <summary>Moves the deadlines of the given unit leases and fixture locks on in one call; answers those this node no longer holds.</summary>
    public async Task<Renewal> RenewAsync(IReadOnlyCollection<UnitLease> leases, IReadOnlyCollection<FixtureLock> fixtures)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(fixtures);
        var values = new List<RedisValue>(4 + 2 * (leases.Count + fixtures.Count)) { NodeId, LeaseMilliseconds, Ttl, leases.Count };
        foreach (var lease in leases)
        {
            values.Add(lease.Unit);
            values.Add(lease.LeaseId);
        }
        foreach (var fixture in fixtures)
        {
            values.Add(fixture.Fixture);
            values.Add(fixture.LeaseId);
        }
        var reply = (RedisResult[])(await Retry(() => _db.ScriptEvaluateAsync(RenewScript,
            [_keys.Lease, _keys.Deadline, _keys.Nodes, _keys.FixtureLease, _keys.FixtureDeadline], [.. values])).ConfigureAwait(false))!;
        return new Renewal(
            [.. ((RedisResult[])reply[0]!).Select(r => int.Parse((string)r!, CultureInfo.InvariantCulture))],
            [.. ((RedisResult[])reply[1]!).Select(r => (string)r!)]);
    }

    /// <summary>
    /// Asks for a build-scoped global fixture (by its assembly-qualified name): its stored value,
    /// who sets it up meanwhile, or its lock for this node (never set up, torn down, or its holder lost).
    /// </summary>
    public async Task<FixtureLockAnswer> TakeFixtureAsync(string fixture)
    {
        ArgumentException.ThrowIfNullOrEmpty(fixture);
        var reply = (RedisResult[])(await Retry(() => _db.ScriptEvaluateAsync(FixtureLockScript,
            [_keys.FixtureLease, _keys.FixtureHolder, _keys.FixtureDeadline, _keys.FixtureValue, _keys.Counter],
            [fixture, NodeId, LeaseMilliseconds, Ttl])).ConfigureAwait(false))!;
        return (string?)reply[0] switch
        {
            "value" => new FixtureLockAnswer.Stored(BuildRecords.DecodeFixtureRecord((byte[])reply[1]!)),
            "wait" => new FixtureLockAnswer.Wait((string)reply[1]!, TimeSpan.FromMilliseconds(long.Parse((string)reply[2]!, CultureInfo.InvariantCulture))),
            "take" => new FixtureLockAnswer.Taken(
                new FixtureLock(fixture, long.Parse((string)reply[1]!, CultureInfo.InvariantCulture)),
                (string?)reply[2] is { Length: > 0 } lost ? lost : null),
            var other => throw new InvalidDataException($"the shared queue answered '{other}' for a global fixture"),
        };
    }

    /// <summary>The holder stores what its SetUp gave (the value, or the error, which also ends its lock), with the event; false when its lock was no longer current (the event is kept).</summary>
    public Task<bool> StoreFixtureAsync(FixtureLock held, FixtureRecord record, FixtureEvent setUp)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(setUp);
        return RecordFixtureAsync(record.Error is null ? "value" : "error", held, BuildRecords.Encode(record), setUp);
    }

    /// <summary>The holder tore the fixture down: its lock and value go, with the event; false when its lock was no longer current (the event is kept).</summary>
    public Task<bool> EndFixtureAsync(FixtureLock held, FixtureEvent tornDown)
    {
        ArgumentNullException.ThrowIfNull(tornDown);
        return RecordFixtureAsync("end", held, [], tornDown);
    }

    /// <summary>Gives a fixture lock back unused (this node's run ended before its SetUp could run): the next node to ask sets the fixture up.</summary>
    public Task<bool> ReleaseFixtureAsync(FixtureLock held) => RecordFixtureAsync("end", held, [], null);

    private async Task<bool> RecordFixtureAsync(string outcome, FixtureLock held, byte[] record, FixtureEvent? fixtureEvent)
    {
        var reply = await Retry(() => _db.ScriptEvaluateAsync(FixtureRecordScript,
            [_keys.FixtureLease, _keys.FixtureHolder, _keys.FixtureDeadline, _keys.FixtureValue, _keys.FixtureEvents],
            [outcome, held.Fixture, held.LeaseId, record, fixtureEvent is null ? [] : BuildRecords.Encode(fixtureEvent), Ttl])).ConfigureAwait(false);
        return (int)reply == 1;
    }

    /// <summary>Notes a node-scoped fixture's SetUp or TearDown for the build's report.</summary>
    public async Task AddFixtureEventAsync(FixtureEvent fixtureEvent)
    {
        ArgumentNullException.ThrowIfNull(fixtureEvent);
        await Retry(() => _db.ListRightPushAsync(_keys.FixtureEvents, BuildRecords.Encode(fixtureEvent))).ConfigureAwait(false);
        await Retry(() => _db.KeyExpireAsync(_keys.FixtureEvents, _options.KeyLifetime)).ConfigureAwait(false);
    }

    /// <summary>The global fixtures set up and torn down on the build's nodes, in order.</summary>
    public async Task<IReadOnlyList<FixtureEvent>> ReadFixtureEventsAsync() =>
        [.. (await Retry(() => _db.ListRangeAsync(_keys.FixtureEvents)).ConfigureAwait(false)).Select(v => BuildRecords.DecodeFixtureEvent((byte[])v!))];

    /// <summary>
    /// Ends a lease whose unit ran to its end and records its tests' results in the same step:
    /// only while the lease is current, and the first result of a test wins.
    /// </summary>
    public async Task<Completion> CompleteAsync(UnitLease lease, IReadOnlyCollection<KeyValuePair<string, byte[]>> results) =>
        (await CompleteAsync([(lease, results)]).ConfigureAwait(false))[0];

    /// <summary>Completes several units in one call (see the single unit's).</summary>
    public async Task<IReadOnlyList<Completion>> CompleteAsync(IReadOnlyList<(UnitLease Lease, IReadOnlyCollection<KeyValuePair<string, byte[]>> Results)> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var answers = await EndLeasesAsync("done", units).ConfigureAwait(false);
        return [.. answers.Select(a => new Completion(a >= 0, Math.Max(0, a)))];
    }

    /// <summary>Gives back a lease whose unit did not run (the node is stopping): the unit goes to the front of the queue at once; false when the lease was no longer current.</summary>
    public async Task<bool> ReleaseAsync(UnitLease lease) => (await EndLeasesAsync("requeue", [(lease, [])]).ConfigureAwait(false))[0] >= 0;

    private async Task<int[]> EndLeasesAsync(string outcome, IReadOnlyList<(UnitLease Lease, IReadOnlyCollection<KeyValuePair<string, byte[]>> Results)> units)
    {
        var values = new List<RedisValue> { outcome, Ttl };
        foreach (var (lease, results) in units)
        {
            values.Add(lease.Unit);
            values.Add(lease.LeaseId);
            values.Add(results.Count);
            foreach (var (key, value) in results)
            {
                values.Add(key);
                values.Add(value);
            }
        }

        var reply = await Retry(() => _db.ScriptEvaluateAsync(EndLeaseScript,
            [_keys.Lease, _keys.Holder, _keys.Deadline, _keys.Done, _keys.Queue, _keys.Results, _keys.Late],
            [.. values])).ConfigureAwait(false);
        return [.. ((RedisResult[])reply!).Select(r => (int)r)];
    }

    /// <summary>
    /// Settles the build's settings: the first node's proposal is stored, and every node gets the
    /// stored one back, so all order and name their tests alike.
    /// </summary>
    public async Task<byte[]> SettleAsync(byte[] proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        await Retry(() => _db.StringSetAsync(_keys.Settings, proposal, _options.KeyLifetime, When.NotExists)).ConfigureAwait(false);
        return (byte[]?)await Retry(() => _db.StringGetAsync(_keys.Settings)).ConfigureAwait(false)
            ?? throw new QueueUnavailableException("the build's settings vanished from the queue as they were stored (was the build's key deleted?)", null);
    }

    /// <summary>The settings the build's first node settled, or null before any did.</summary>
    public async Task<BuildSettings?> ReadSettingsAsync() =>
        (byte[]?)await Retry(() => _db.StringGetAsync(_keys.Settings)).ConfigureAwait(false) is { } stored ? BuildRecords.DecodeSettings(stored) : null;

    /// <summary>
    /// Whether the queue will hand out nothing more: none is waiting and no lease is out (a lease
    /// out may still expire and come back).
    /// </summary>
    public Task<bool> DrainedAsync() => Retry(DrainedOnceAsync);

    private async Task<bool> DrainedOnceAsync()
    {
        var batch = _db.CreateBatch();
        var left = batch.ListLengthAsync(_keys.Queue);
        var leased = batch.SortedSetLengthAsync(_keys.Deadline);
        batch.Execute();
        return await left.ConfigureAwait(false) == 0 && await leased.ConfigureAwait(false) == 0;
    }

    /// <summary>Stores what this node saw of the build when its share is done (one per node and attempt).</summary>
    public async Task StoreShareAsync(byte[] share)
    {
        ArgumentNullException.ThrowIfNull(share);
        await Retry(() => _db.HashSetAsync(_keys.Shares, BuildAttempts.AttemptField(Attempt, NodeId), share)).ConfigureAwait(false);
        await Retry(() => _db.KeyExpireAsync(_keys.Shares, _options.KeyLifetime)).ConfigureAwait(false);
    }

    /// <summary>How long the durations of a suite stay in the queue after the last build's report stored them.</summary>
    private static readonly TimeSpan TimingsLifetime = TimeSpan.FromDays(30);

    /// <summary>The durations earlier builds' reports stored for these assemblies (by file name), or none.</summary>
    public async Task<IReadOnlyList<Protocol.Messages.TestTiming>> ReadTimingsAsync(IEnumerable<string> assemblies)
    {
        var stored = (byte[]?)await Retry(() => _db.StringGetAsync(BuildKeys.Timings(assemblies))).ConfigureAwait(false);
        return stored is null ? [] : BuildRecords.DecodeSettings(stored).Timings;
    }

    /// <summary>Stores a build's durations, merged over the earlier ones, for the next builds' plans.</summary>
    public async Task StoreTimingsAsync(IEnumerable<string> assemblies, IReadOnlyList<Protocol.Messages.TestTiming> measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var names = assemblies.ToList();
        var merged = new Dictionary<(string, string), Protocol.Messages.TestTiming>();
        foreach (var timing in (await ReadTimingsAsync(names).ConfigureAwait(false)).Concat(measured))
        {
            merged[(timing.Assembly, timing.FullName)] = timing;
        }

        await Retry(() => _db.StringSetAsync(BuildKeys.Timings(names), BuildRecords.Encode(new BuildSettings(0, [.. merged.Values])), TimingsLifetime)).ConfigureAwait(false);
    }

    /// <summary>Every node's stored share.</summary>
    public async Task<IReadOnlyList<byte[]>> ReadSharesAsync() =>
        [.. (await Retry(() => _db.HashValuesAsync(_keys.Shares)).ConfigureAwait(false)).Select(v => (byte[])v!)];

    /// <summary>Every recorded result, by test key.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> ReadResultsAsync()
    {
        var entries = await Retry(() => _db.HashGetAllAsync(_keys.Results)).ConfigureAwait(false);
        return entries.ToDictionary(e => (string)e.Name!, e => (byte[])e.Value!, StringComparer.Ordinal);
    }

    public Task<BuildProgress> ProgressAsync() => Retry(ProgressOnceAsync);

    private async Task<BuildProgress> ProgressOnceAsync()
    {
        var batch = _db.CreateBatch();
        var attempt = batch.StringGetAsync(_keys.Attempt);
        var results = batch.HashLengthAsync(_keys.Results);
        var left = batch.ListLengthAsync(_keys.Queue);
        var done = batch.HashLengthAsync(_keys.Done);
        var holders = batch.HashGetAllAsync(_keys.Holder);
        var givenUp = batch.HashKeysAsync(_keys.GivenUp);
        var lostBy = batch.HashGetAllAsync(_keys.LostBy);
        var late = batch.StringGetAsync(_keys.Late);
        var nodes = batch.HashGetAllAsync(_keys.Nodes);
        batch.Execute();
        await Task.WhenAll(attempt, results, left, done, holders, givenUp, lostBy, late, nodes).ConfigureAwait(false);

        var lostByUnit = lostBy.Result.ToDictionary(e => Unit(e.Name), e => ((string)e.Value!).Split('\n'));
        return new BuildProgress(
            (int?)attempt.Result ?? 1,
            results.Result,
            left.Result,
            done.Result,
            holders.Result.ToDictionary(e => Unit(e.Name), e => (string)e.Value!),
            givenUp.Result.ToDictionary(Unit, u => (IReadOnlyList<string>)(lostByUnit.TryGetValue(Unit(u), out var by) ? by : [])),
            late.Result.IsNull ? 0 : (long)late.Result,
            nodes.Result.ToDictionary(e => (string)e.Name!, e => DateTimeOffset.FromUnixTimeMilliseconds((long)e.Value)));
    }

    /// <summary>
    /// Repeats a call the connection dropped (the client reconnects by itself), for up to a lease
    /// time. Every script is safe to repeat: it checks the lease id, and completing a lease twice
    /// records nothing twice. A reservation whose answer was lost leaves units leased to no one
    /// who knows it: they come back when the lease expires.
    /// </summary>
    private async Task<T> Retry<T>(Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException or TimeoutException
                && Stopwatch.GetElapsedTime(started) < _options.LeaseTime)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * attempt))).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync().ConfigureAwait(false);

    private long LeaseMilliseconds => (long)_options.LeaseTime.TotalMilliseconds;

    private long Ttl => (long)_options.KeyLifetime.TotalMilliseconds;

    private static int Unit(RedisValue value) => int.Parse((string)value!, CultureInfo.InvariantCulture);

    private static string Reason(Exception e)
    {
        // The client's messages run over several lines and may carry the configuration: keep the first line only.
        var message = e.InnerException is { } inner and not RedisException ? inner.Message : e.Message;
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] + "..." : line;
    }

    private static string LoadScript(string name)
    {
        using var stream = typeof(RedisBuild).Assembly.GetManifestResourceStream($"Mproc.Coordinator.Distributed.{name}.lua")
            ?? throw new InvalidOperationException($"the script {name}.lua is not in the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>How the build's leases and keys behave.</summary>
public sealed record QueueOptions
{
    /// <summary>How long a lease lasts without renewal; a node renews every third of it.</summary>
    public TimeSpan LeaseTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A unit whose lease expired this many times is reported failed instead of handed out again.</summary>
    public int MaxLost { get; init; } = 2;

    /// <summary>How long the build's keys live after their last write.</summary>
    public TimeSpan KeyLifetime { get; init; } = TimeSpan.FromHours(24);
}

/// <summary>The queue cannot be reached or used; the message is one line for the user.</summary>
public sealed class QueueUnavailableException(string message, Exception? inner) : Exception(message, inner);
