using Mproc.Protocol.Messages;
using Mproc.Coordinator.Distributed;
using Mproc.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit;

namespace Mproc.Tests.Coordinator.Distributed;

/// <summary>The build's shared queue against a real redis-server: plan, leases, results, expiry, faults.</summary>
public sealed class RedisBuildTests : IAsyncLifetime
{
    private static readonly byte[] Plan = [1, 2, 3];
    private RedisServer _server = null!;
    private readonly List<RedisBuild> _nodes = [];

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        await _server.DisposeAsync();
    }

    private static KeyValuePair<string, byte[]>[] Result(string test, byte value) => [new(test, [value])];

    private async Task<RedisBuild> NodeAsync(string name, QueueOptions? options = null, string build = "b1", int attempt = 1)
    {
        Assert.True(QueueAddress.TryParse(_server.Url, out var address, out var error), error);
        var node = await RedisBuild.ConnectAsync(address!, build, name, options ?? new QueueOptions(), attempt);
        _nodes.Add(node);
        return node;
    }

    [Fact]
    public async Task The_first_node_stores_the_plan_and_the_others_join_or_differ()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");

        Assert.Equal(PlanJoin.Created, await a.JoinAsync("h1", Plan, 3));
        Assert.Equal(PlanJoin.Joined, await b.JoinAsync("h1", Plan, 3));
        Assert.Equal(PlanJoin.Differs, await b.JoinAsync("h2", [9], 5));
        Assert.Equal(Plan, await b.ReadPlanAsync());
        Assert.Equal(3, (await a.ProgressAsync()).UnitsLeft);
    }

    [Fact]
    public async Task Three_nodes_pulling_at_once_get_every_unit_exactly_once_in_plan_order_each()
    {
        const int units = 300;
        var nodes = new[] { await NodeAsync("a"), await NodeAsync("b"), await NodeAsync("c") };
        await nodes[0].JoinAsync("h", Plan, units);

        var taken = await Task.WhenAll(nodes.Select(async node =>
        {
            var mine = new List<int>();
            while (true)
            {
                var leases = (await node.ReserveAsync(2)).Leases;
                if (leases.Count == 0)
                {
                    return mine;
                }
                foreach (var lease in leases)
                {
                    Assert.Equal(new Completion(true, 1), await node.CompleteAsync(lease, Result($"t{lease.Unit}", 1)));
                    mine.Add(lease.Unit);
                }
            }
        }));

        Assert.Equal(Enumerable.Range(0, units), taken.SelectMany(t => t).Order());
        Assert.All(taken, mine => Assert.Equal(mine.Order(), mine));
        var progress = await nodes[0].ProgressAsync();
        Assert.Equal(units, progress.Results);
        Assert.Equal(units, progress.UnitsDone);
        Assert.Equal(0, progress.UnitsLeft);
        Assert.Empty(progress.Leased);
        Assert.True(await nodes[1].DrainedAsync());
    }

    [Fact]
    public async Task The_first_result_of_a_test_wins()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");
        await a.JoinAsync("h", Plan, 1);
        var lease = Assert.Single((await a.ReserveAsync(1)).Leases);
        Assert.False(await b.DrainedAsync());

        // A unit released after one of its tests was recorded elsewhere keeps that first result.
        Assert.True(await a.ReleaseAsync(lease));
        var again = Assert.Single((await b.ReserveAsync(1)).Leases);
        Assert.Equal(new Completion(true, 1), await b.CompleteAsync(again, Result("t", 1)));

        Assert.Equal([1], (await a.ReadResultsAsync())["t"]);
        Assert.True(await a.DrainedAsync());

        // A completion repeated after a dropped connection (its first call went through) changes nothing.
        Assert.Equal(new Completion(true, 0), await b.CompleteAsync(again, Result("t", 3)));
        Assert.Equal([1], (await a.ReadResultsAsync())["t"]);
        Assert.Equal(0, (await a.ProgressAsync()).LateResults);
    }

    [Fact]
    public async Task The_first_node_settles_the_builds_settings_for_all()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");

        Assert.Equal([1, 2], await a.SettleAsync([1, 2]));
        Assert.Equal([1, 2], await b.SettleAsync([3]));
    }

    [Fact]
    public async Task An_expired_lease_goes_to_another_node_and_the_old_holders_late_result_is_dropped_and_counted()
    {
        var shortLease = new QueueOptions { LeaseTime = TimeSpan.FromMilliseconds(300) };
        var a = await NodeAsync("a", shortLease);
        var b = await NodeAsync("b", shortLease);
        await a.JoinAsync("h", Plan, 1);
        var lost = Assert.Single((await a.ReserveAsync(1)).Leases);

        var taken = await UntilAsync(async () => (await b.ReserveAsync(1)).Leases is [var l] ? l : (UnitLease?)null);

        Assert.Equal(lost.Unit, taken.Unit);
        Assert.NotEqual(lost.LeaseId, taken.LeaseId);
        Assert.Equal(1, taken.TimesLost);
        Assert.Equal(new Completion(false, 0), await a.CompleteAsync(lost, Result("t", 1)));
        Assert.Equal([lost.Unit], await a.RenewAsync([lost]));
        Assert.Equal(new Completion(true, 1), await b.CompleteAsync(taken, Result("t", 2)));
        var progress = await b.ProgressAsync();
        Assert.Equal(1, progress.LateResults);
        Assert.Equal([2], (await b.ReadResultsAsync())["t"]);
    }

    [Fact]
    public async Task Renewed_leases_are_not_taken_back()
    {
        var shortLease = new QueueOptions { LeaseTime = TimeSpan.FromMilliseconds(600) };
        var a = await NodeAsync("a", shortLease);
        var b = await NodeAsync("b", shortLease);
        await a.JoinAsync("h", Plan, 2);
        var leases = (await a.ReserveAsync(2)).Leases;

        // Three lease times, renewed every sixth of one.
        for (var i = 0; i < 18; i++)
        {
            Assert.Empty(await a.RenewAsync(leases));
            Assert.Empty((await b.ReserveAsync(1)).Leases);
            await Task.Delay(100);
        }

        var progress = await b.ProgressAsync();
        Assert.All(leases, lease => Assert.Equal("a", progress.Leased[lease.Unit]));
    }

    [Fact]
    public async Task A_unit_lost_max_lost_times_is_given_up_with_the_nodes_that_lost_it()
    {
        var options = new QueueOptions { LeaseTime = TimeSpan.FromMilliseconds(200), MaxLost = 2 };
        var a = await NodeAsync("node-a", options);
        var b = await NodeAsync("node-b", options);
        var c = await NodeAsync("node-c", options);
        await a.JoinAsync("h", Plan, 1);
        Assert.Single((await a.ReserveAsync(1)).Leases);
        var second = await UntilAsync(async () => (await b.ReserveAsync(1)).Leases is [var l] ? l : (UnitLease?)null);
        Assert.Equal(1, second.TimesLost);

        var progress = await UntilAsync(async () =>
        {
            Assert.Empty((await c.ReserveAsync(1)).Leases);
            var p = await c.ProgressAsync();
            return p.GivenUp.Count == 1 ? p : null;
        });

        Assert.Equal(["node-a", "node-b"], progress.GivenUp[second.Unit]);
        Assert.Empty(progress.Leased);
    }

    [Fact]
    public async Task A_released_unit_goes_back_to_the_front_without_counting_as_lost()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");
        await a.JoinAsync("h", Plan, 3);
        var first = ((await a.ReserveAsync(1)).Leases)[0];

        Assert.True(await a.ReleaseAsync(first));
        Assert.False(await a.ReleaseAsync(first));

        var again = Assert.Single((await b.ReserveAsync(1)).Leases);
        Assert.Equal(first.Unit, again.Unit);
        Assert.Equal(0, again.TimesLost);
        Assert.False((await a.CompleteAsync(first, Result("t", 1))).Held);
    }

    [Fact]
    public async Task Scripts_survive_a_flushed_script_cache_and_a_killed_connection()
    {
        var a = await NodeAsync("a");
        await a.JoinAsync("h", Plan, 3);
        Assert.Single((await a.ReserveAsync(1)).Leases);

        await using var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_server.Port},password={_server.Password},allowAdmin=true");
        var server = admin.GetServer("127.0.0.1", _server.Port);
        await server.ScriptFlushAsync();
        Assert.Single((await a.ReserveAsync(1)).Leases);

        await server.ExecuteAsync("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
        var third = await UntilAsync(async () =>
        {
            try
            {
                return (await a.ReserveAsync(1)).Leases is [var l] ? l : (UnitLease?)null;
            }
            catch (RedisConnectionException)
            {
                return null;
            }
        });

        Assert.Equal(2, third.Unit);
        Assert.Equal(3, (await a.ProgressAsync()).Leased.Count);
    }

    [Fact]
    public async Task Every_key_of_a_build_expires()
    {
        var a = await NodeAsync("a", new QueueOptions { LeaseTime = TimeSpan.FromMilliseconds(100), KeyLifetime = TimeSpan.FromMinutes(5) });
        var b = await NodeAsync("b", new QueueOptions { LeaseTime = TimeSpan.FromMilliseconds(100), KeyLifetime = TimeSpan.FromMinutes(5), MaxLost = 1 });
        await a.JoinAsync("h", Plan, 4);
        var leases = (await a.ReserveAsync(3)).Leases;
        await a.SettleAsync([1]);
        await a.StoreShareAsync([1]);
        await a.CompleteAsync(leases[0], Result("t0", 1));
        await a.ReleaseAsync(leases[1]);
        // b takes back a's expired lease and, with MaxLost 1, gives its unit up.
        await UntilAsync(async () =>
        {
            await b.ReserveAsync(1);
            return (await b.ProgressAsync()).GivenUp.Count > 0 ? "given up" : null;
        });
        await a.CompleteAsync(leases[2], Result("late", 1));

        await using var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_server.Port},password={_server.Password},allowAdmin=true");
        var keys = admin.GetServer("127.0.0.1", _server.Port).Keys(pattern: "*").ToList();
        Assert.True(keys.Count >= 10, string.Join(", ", keys));
        foreach (var key in keys)
        {
            Assert.StartsWith("mproc:{b1}:", (string)key!, StringComparison.Ordinal);
            var ttl = await admin.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.True(ttl is { } t && t > TimeSpan.Zero && t <= TimeSpan.FromMinutes(5), $"{key}: {ttl}");
        }
    }

    /// <summary>Attempt 1 of a build of <paramref name="units"/> one-test units, every unit run by node a; test "tN" of unit N stored as [N].</summary>
    private async Task<RedisBuild> FinishedAttemptAsync(int units, QueueOptions? options = null)
    {
        var a = await NodeAsync("a", options);
        Assert.Equal(PlanJoin.Created, await a.JoinAsync("h", Plan, units));
        foreach (var lease in (await a.ReserveAsync(units)).Leases)
        {
            Assert.True((await a.CompleteAsync(lease, Result(lease.Unit.ToString(System.Globalization.CultureInfo.InvariantCulture), (byte)lease.Unit))).Held);
        }

        return a;
    }

    private static AttemptRetry Retry(params int[] units) =>
        new(units, units.Length, [.. units.Select(u => new KeyValuePair<string, byte[]?>(u.ToString(System.Globalization.CultureInfo.InvariantCulture), null))]);

    [Fact]
    public async Task A_later_attempt_opened_by_two_nodes_at_once_is_opened_once_and_queues_only_what_was_chosen()
    {
        var a = await FinishedAttemptAsync(4);
        var b = await NodeAsync("b", attempt: 2);
        var c = await NodeAsync("c", attempt: 2);
        Assert.Equal(1, await b.ReadAttemptAsync());

        var openings = await Task.WhenAll(b.OpenAttemptAsync(1, 4, 0, Retry(1, 3)), c.OpenAttemptAsync(1, 4, 0, Retry(1, 3)));

        Assert.Equal([AttemptOpening.Opened, AttemptOpening.AlreadyThere], openings.Select(o => o.Opening).Order());
        Assert.All(openings, o => Assert.Equal(2, o.Attempt));
        var progress = await b.ProgressAsync();
        Assert.Equal((2, 2L, 2L), (progress.Attempt, progress.Results, progress.UnitsLeft));
        Assert.Equal(["0", "2"], (await b.ReadResultsAsync()).Keys.Order());
        var setAside = await b.ReadSetAsideAsync();
        Assert.Equal(["1:1", "1:3"], setAside.Keys.Order());
        Assert.Equal([3], setAside["1:3"]);

        // A node of attempt 1 gets nothing more; one of attempt 2 gets the units again, in plan order.
        var stale = await a.ReserveAsync(4);
        Assert.Empty(stale.Leases);
        Assert.Equal(2, stale.Attempt);
        var again = await c.ReserveAsync(4);
        Assert.Equal([1, 3], again.Leases.Select(l => l.Unit));
        Assert.All(again.Leases, l => Assert.Equal(0, l.TimesLost));
        Assert.Equal(2, again.Attempt);
        Assert.Equal(new Completion(true, 1), await c.CompleteAsync(again.Leases[0], Result("1", 11)));
        Assert.Equal([11], (await a.ReadResultsAsync())["1"]);

        // A node arriving at attempt 2 later opens nothing again.
        var late = await NodeAsync("d", attempt: 2);
        Assert.Equal((2, AttemptOpening.AlreadyThere), await late.OpenAttemptAsync(1, 4, 0, Retry(0)));
        var after = await late.ProgressAsync();
        Assert.Equal(0, after.UnitsLeft);
        Assert.Equal([3], after.Leased.Keys);
    }

    [Fact]
    public async Task Opening_an_attempt_from_results_read_before_more_came_in_changes_nothing_and_says_so()
    {
        var a = await NodeAsync("a");
        await a.JoinAsync("h", Plan, 3);
        var leases = (await a.ReserveAsync(3)).Leases;
        await a.CompleteAsync(leases[0], Result("0", 0));
        var b = await NodeAsync("b", attempt: 2);

        // b read 1 result; another came in before its script ran.
        await a.CompleteAsync(leases[1], Result("1", 1));
        Assert.Equal((1, AttemptOpening.Changed), await b.OpenAttemptAsync(1, 1, 0, Retry(1, 2)));

        var progress = await b.ProgressAsync();
        Assert.Equal((1, 2L, 1), (progress.Attempt, progress.Results, progress.Leased.Count));
        Assert.Empty(await b.ReadSetAsideAsync());
    }

    [Fact]
    public async Task Opening_an_attempt_cancels_the_leases_out_and_hands_lost_units_out_again_with_fresh_counts()
    {
        var options = new QueueOptions { LeaseTime = TimeSpan.FromMilliseconds(200), MaxLost = 1, KeyLifetime = TimeSpan.FromMinutes(5) };
        var a = await NodeAsync("a", options);
        await a.JoinAsync("h", Plan, 3);
        var leases = (await a.ReserveAsync(2)).Leases;
        await a.CompleteAsync(leases[0], Result("0", 0));

        // Unit 1 is given up (its lease expired with a); unit 2 is leased to x, still running.
        await Task.Delay(500);
        var x = await NodeAsync("x", options with { LeaseTime = TimeSpan.FromMinutes(1) });
        var held = Assert.Single((await x.ReserveAsync(1)).Leases);
        Assert.Equal(2, held.Unit);
        Assert.Equal([1], (await a.ProgressAsync()).GivenUp.Keys);

        // A build-scoped fixture whose SetUp failed in attempt 1: the re-run sets it up again.
        var failed = Assert.IsType<FixtureLockAnswer.Taken>(await x.TakeFixtureAsync("Ns.Db"));
        Assert.True(await x.StoreFixtureAsync(failed.Lock, new FixtureRecord("x", null, "no database"), new FixtureEvent("Ns.Db", "x", GlobalFixtureScope.Build, FixtureStage.SetUp, null, ["no database"])));
        Assert.IsType<FixtureLockAnswer.Stored>(await a.TakeFixtureAsync("Ns.Db"));

        var b = await NodeAsync("b", options with { LeaseTime = TimeSpan.FromMinutes(1) }, attempt: 2);
        var retry = new AttemptRetry([1, 2], 2, [new("1", [7])]);
        Assert.Equal((2, AttemptOpening.Opened), await b.OpenAttemptAsync(1, 1, 1, retry));

        var progress = await b.ProgressAsync();
        Assert.Empty(progress.GivenUp);
        Assert.Empty(progress.Leased);
        Assert.Empty(progress.NodesLastSeen);
        Assert.Equal([7], (await b.ReadSetAsideAsync())["1:1"]);
        Assert.IsType<FixtureLockAnswer.Taken>(await b.TakeFixtureAsync("Ns.Db"));
        Assert.Single(await b.ReadFixtureEventsAsync());
        Assert.False((await x.CompleteAsync(held, Result("2", 2))).Held);
        var again = (await b.ReserveAsync(2)).Leases;
        Assert.Equal([1, 2], again.Select(l => l.Unit));
        Assert.All(again, l => Assert.Equal(0, l.TimesLost));

        await using var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_server.Port},password={_server.Password},allowAdmin=true");
        foreach (var key in admin.GetServer("127.0.0.1", _server.Port).Keys(pattern: "*"))
        {
            Assert.StartsWith("mproc:{b1}:", (string)key!, StringComparison.Ordinal);
            var ttl = await admin.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.True(ttl is { } t && t > TimeSpan.Zero && t <= TimeSpan.FromMinutes(5), $"{key}: {ttl}");
        }
    }

    [Fact]
    public async Task A_build_first_planned_by_a_later_attempt_starts_at_it()
    {
        var b = await NodeAsync("b", attempt: 3);
        Assert.Equal(PlanJoin.Created, await b.JoinAsync("h", Plan, 2));

        Assert.Equal(3, await b.ReadAttemptAsync());
        var old = await NodeAsync("a", attempt: 2);
        Assert.Equal(PlanJoin.Joined, await old.JoinAsync("h", Plan, 2));
        Assert.Empty((await old.ReserveAsync(1)).Leases);
    }

    [Fact]
    public async Task A_wrong_password_or_an_unreachable_server_is_one_line_without_the_password()
    {
        Assert.True(QueueAddress.TryParse($"redis://:wrong-secret@127.0.0.1:{_server.Port}", out var wrong, out _));
        var refused = await Assert.ThrowsAsync<QueueUnavailableException>(() => RedisBuild.ConnectAsync(wrong!, "b", "n", new QueueOptions()));
        Assert.DoesNotContain("wrong-secret", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.Contains($"127.0.0.1:{_server.Port}", refused.Message, StringComparison.Ordinal);

        Assert.True(QueueAddress.TryParse($"redis://:secret@127.0.0.1:1", out var closed, out _));
        var unreachable = await Assert.ThrowsAsync<QueueUnavailableException>(() => RedisBuild.ConnectAsync(closed!, "b", "n", new QueueOptions()));
        Assert.DoesNotContain("secret", unreachable.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', unreachable.Message);
    }

    /// <summary>Polls until <paramref name="attempt"/> gives a value (leases expire on the server's clock), for at most 30 s.</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T?>> attempt) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await attempt() is { } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true in 30 s");
            await Task.Delay(50);
        }
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> attempt) where T : struct =>
        (await UntilAsync(async () => await attempt() is { } value ? Tuple.Create(value) : null)).Item1;
}

public sealed class QueueAddressTests
{
    [Theory]
    [InlineData("redis://ci-redis:6379", "ci-redis", 6379, false, null, null, 0)]
    [InlineData("redis://ci-redis", "ci-redis", 6379, false, null, null, 0)]
    [InlineData("rediss://:s%40cret@cache.example:6380/2", "cache.example", 6380, true, null, "s@cret", 2)]
    [InlineData("redis://ci:pw@10.0.0.5:7000", "10.0.0.5", 7000, false, "ci", "pw", 0)]
    public void Reads_addresses(string text, string host, int port, bool tls, string? user, string? password, int database)
    {
        Assert.True(QueueAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(new QueueAddress(host, port, tls, user, password, database), address);
        var options = address!.ToOptions();
        Assert.Equal(tls, options.Ssl);
        Assert.Equal(password, options.Password);
    }

    [Theory]
    [InlineData("http://host:6379")]
    [InlineData("host:6379")]
    [InlineData("redis://host:6379/zero")]
    public void Refuses_what_is_not_an_address(string text)
    {
        Assert.False(QueueAddress.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Prints_without_the_password()
    {
        Assert.True(QueueAddress.TryParse("rediss://:hunter2@cache:6380", out var address, out _));
        Assert.Equal("rediss://:***@cache:6380", address!.ToString());
    }
}
