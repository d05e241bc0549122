using StackExchange.Redis;

namespace Mproc.Coordinator.Distributed;

/// <summary>
/// The Redis keys of one build. All share the hash tag <c>{build-id}</c>, so on Redis Cluster (or
/// Valkey) they live in one slot and a script may touch any of them.
/// </summary>
public sealed class BuildKeys
{
    public BuildKeys(string buildId)
    {
        ArgumentException.ThrowIfNullOrEmpty(buildId);
        if (buildId.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException("a build id may not hold '{' or '}'", nameof(buildId));
        }
        BuildId = buildId;
        var prefix = $"mproc:{{{buildId}}}:";
        Plan = prefix + "plan";
        PlanHash = prefix + "plan-hash";
        Queue = prefix + "queue";
        Lease = prefix + "lease";
        Holder = prefix + "holder";
        Deadline = prefix + "deadline";
        Lost = prefix + "lost";
        LostBy = prefix + "lost-by";
        GivenUp = prefix + "given-up";
        Counter = prefix + "lease-counter";
        Nodes = prefix + "nodes";
        Results = prefix + "results";
        Late = prefix + "late";
        Done = prefix + "done";
        Settings = prefix + "settings";
        Shares = prefix + "shares";
        Attempt = prefix + "attempt";
        SetAside = prefix + "set-aside";
        FixtureLease = prefix + "fixture-lease";
        FixtureHolder = prefix + "fixture-holder";
        FixtureDeadline = prefix + "fixture-deadline";
        FixtureValue = prefix + "fixture-value";
        FixtureEvents = prefix + "fixture-events";
    }

    public string BuildId { get; }

    /// <summary>
    /// The durations of a suite (its assemblies' file names), across builds: each build's report
    /// stores them, and a machine without a timings file of its own orders its plan by them.
    /// </summary>
    public static RedisKey Timings(IEnumerable<string> assemblies)
    {
        var names = string.Join('\n', assemblies.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(names)))[..16];
        return $"mproc:timings:{hash}";
    }

    public RedisKey Plan { get; }
    public RedisKey PlanHash { get; }
    /// <summary>Units not yet handed out, in the plan's order (longest first).</summary>
    public RedisKey Queue { get; }
    /// <summary>unit → current lease id.</summary>
    public RedisKey Lease { get; }
    /// <summary>unit → node holding its lease.</summary>
    public RedisKey Holder { get; }
    /// <summary>unit scored by its lease's deadline (ms, server clock).</summary>
    public RedisKey Deadline { get; }
    /// <summary>unit → how many times a lease on it expired.</summary>
    public RedisKey Lost { get; }
    /// <summary>unit → the nodes that lost it, one per line.</summary>
    public RedisKey LostBy { get; }
    /// <summary>unit → times lost, for units no longer handed out.</summary>
    public RedisKey GivenUp { get; }
    public RedisKey Counter { get; }
    /// <summary>node → when it last reserved or renewed (ms, server clock).</summary>
    public RedisKey Nodes { get; }
    /// <summary>test key → its result; the first one written stays.</summary>
    public RedisKey Results { get; }
    /// <summary>Results dropped because their lease was no longer current.</summary>
    public RedisKey Late { get; }
    /// <summary>unit → the lease it ran to its end under.</summary>
    public RedisKey Done { get; }
    /// <summary>The seed and durations the first node settled for the build.</summary>
    public RedisKey Settings { get; }
    /// <summary>node → what it saw of the build (suites, workers), stored when its share is done.</summary>
    public RedisKey Shares { get; }
    /// <summary>Build-scoped global fixture (assembly-qualified name) → the lease id of its lock.</summary>
    public RedisKey FixtureLease { get; }
    /// <summary>fixture → node holding its lock (it set the fixture up and tears it down).</summary>
    public RedisKey FixtureHolder { get; }
    /// <summary>fixture scored by its lock's deadline (ms, server clock).</summary>
    public RedisKey FixtureDeadline { get; }
    /// <summary>fixture → what its SetUp gave (<see cref="FixtureRecord"/>): the host's JSON, or the error.</summary>
    public RedisKey FixtureValue { get; }
    /// <summary>Global fixtures set up and torn down on the build's nodes (<see cref="FixtureEvent"/>), in order, for the report.</summary>
    public RedisKey FixtureEvents { get; }
    /// <summary>The build's current attempt (absent: 1); a CI re-run raises it and runs again what failed.</summary>
    public RedisKey Attempt { get; }
    /// <summary>"attempt:test key" → the result a test had in an earlier attempt, before that test ran again.</summary>
    public RedisKey SetAside { get; }

    /// <summary>Every key of the build, for a step that refreshes their lifetime.</summary>
    public IReadOnlyList<RedisKey> All =>
        [Plan, PlanHash, Queue, Lease, Holder, Deadline, Lost, LostBy, GivenUp, Counter, Nodes, Results, Late, Done, Settings, Shares, Attempt, SetAside, FixtureLease, FixtureHolder, FixtureDeadline, FixtureValue, FixtureEvents];
}
