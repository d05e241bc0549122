using System.Collections.Concurrent;
using Mproc.Coordinator.Distributed;
using Mproc.Protocol.Messages;
using Mproc.Tests.Infrastructure;
using Mproc.Worker.Fixtures;
using Xunit;

namespace Mproc.Tests.Coordinator.Distributed;

/// <summary>
/// Global fixtures of nodes sharing a build: each node's <see cref="BuildFixtures"/> over its own
/// real fixture manager (the GlobalFixtures asset, in-process) and a real redis-server.
/// </summary>
[Collection(GlobalFixturesAsset.InProcessCollection)]
public sealed class BuildFixturesTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly FixtureRunInfo Run = new("run-1", 1);

    private readonly List<RedisBuild> _connections = [];
    private readonly ConcurrentQueue<(string Node, string Fixture, string Stage)> _stages = new();
    private readonly ConcurrentQueue<string> _said = new();
    private readonly ConcurrentQueue<string> _warned = new();
    private RedisServer _server = null!;

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task TwoNodesAskingAtOnce_SetUpOnce_AndBothGetTheHoldersValue_TornDownOnceByTheHolder()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");

        var answers = await Task.WhenAll(
            Task.Run(() => a.GetAsync(Request("Database"), CancellationToken.None)),
            Task.Run(() => b.GetAsync(Request("Database"), CancellationToken.None))).WaitAsync(Timeout);

        Assert.Null(answers[0].Error);
        Assert.Equal(answers[0].Json, answers[1].Json);
        var setUp = Assert.Single(_stages, s => s.Stage == "SetUp");
        var holder = setUp.Node == "a" ? a : b;
        Assert.Single(holder.HeldLocks());
        Assert.Empty((setUp.Node == "a" ? b : a).HeldLocks());

        Assert.Empty(await b.TearDownAsync().WaitAsync(Timeout));
        Assert.Empty(await a.TearDownAsync().WaitAsync(Timeout));

        var tearDown = Assert.Single(_stages, s => s.Stage == "TearDown");
        Assert.Equal(setUp.Node, tearDown.Node);
        Assert.Equal($"nunit-mproc: node {setUp.Node} waits for build b1 to finish to tear down global fixture GlobalFixtureSuite.Database", Assert.Single(_said));
        var events = await (await ConnectAsync("report")).ReadFixtureEventsAsync();
        Assert.Equal([$"set up on node {setUp.Node}", $"torn down on node {setUp.Node}"], events.Select(e => e.Describe()));
    }

    [Fact]
    public async Task ASetUpThatThrows_IsEveryNodesAnswer_FromOneSetUp_AndHoldsNoLock()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");

        var first = await a.GetAsync(Request("Broken"), CancellationToken.None).WaitAsync(Timeout);
        var second = await b.GetAsync(Request("Broken"), CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(GlobalFixturesAsset.BrokenMessage, first.Error);
        Assert.Equal(first, second);
        Assert.Single(_stages, s => s.Stage == "SetUp");
        Assert.Empty(a.HeldLocks());
        Assert.Empty(await a.TearDownAsync().WaitAsync(Timeout));
        Assert.Empty(_said);
    }

    [Fact]
    public async Task AHolderWhoseLockExpires_IsLost_AndTheNextNodeSetsUpAgain_NotingIt()
    {
        var shortLease = new QueueOptions { LeaseTime = TimeSpan.FromMilliseconds(300) };
        var a = await NodeAsync("a", shortLease);
        var b = await NodeAsync("b", shortLease);

        // Nothing renews a's lock here, as when its node died.
        var lost = await a.GetAsync(Request("Database"), CancellationToken.None).WaitAsync(Timeout);
        await Task.Delay(400);
        var again = await b.GetAsync(Request("Database"), CancellationToken.None).WaitAsync(Timeout);

        Assert.NotEqual(lost.Json, again.Json);
        Assert.Equal(["a", "b"], _stages.Where(s => s.Stage == "SetUp").Select(s => s.Node));
        var events = await (await ConnectAsync("report")).ReadFixtureEventsAsync();
        Assert.Equal(["set up on node a", "set up again on node b after node a was lost"], events.Select(e => e.Describe()));
    }

    [Fact]
    public async Task ARenewedLock_KeepsOtherNodesWaiting_ForTheHoldersValue()
    {
        var shortLease = new QueueOptions { LeaseTime = TimeSpan.FromMilliseconds(300) };
        var a = await ConnectAsync("a", shortLease);
        var b = await ConnectAsync("b", shortLease);
        const string fixture = "Ns.Slow, Tests";

        var taken = Assert.IsType<FixtureLockAnswer.Taken>(await a.TakeFixtureAsync(fixture));
        Assert.Null(taken.Lost);
        for (var i = 0; i < 10; i++)
        {
            Assert.Empty((await a.RenewAsync([], [taken.Lock])).Fixtures);
            var wait = Assert.IsType<FixtureLockAnswer.Wait>(await b.TakeFixtureAsync(fixture));
            Assert.Equal("a", wait.Holder);
            await Task.Delay(100);
        }

        var record = new FixtureRecord("a", "{}", null);
        Assert.True(await a.StoreFixtureAsync(taken.Lock, record, new FixtureEvent("Ns.Slow", "a", GlobalFixtureScope.Build, FixtureStage.SetUp, null, [])));
        Assert.Equal(record, Assert.IsType<FixtureLockAnswer.Stored>(await b.TakeFixtureAsync(fixture)).Record);

        // Not renewed any more: it expires, and the stale holder can neither renew nor end it.
        await Task.Delay(400);
        var retaken = Assert.IsType<FixtureLockAnswer.Taken>(await b.TakeFixtureAsync(fixture));
        Assert.Equal("a", retaken.Lost);
        Assert.Equal([fixture], (await a.RenewAsync([], [taken.Lock])).Fixtures);
        Assert.False(await a.EndFixtureAsync(taken.Lock, new FixtureEvent("Ns.Slow", "a", GlobalFixtureScope.Build, FixtureStage.TearDown, null, [])));
        Assert.IsType<FixtureLockAnswer.Wait>(await a.TakeFixtureAsync(fixture));
        Assert.True(await b.EndFixtureAsync(retaken.Lock, new FixtureEvent("Ns.Slow", "b", GlobalFixtureScope.Build, FixtureStage.TearDown, null, [])));
        Assert.Null(Assert.IsType<FixtureLockAnswer.Taken>(await a.TakeFixtureAsync(fixture)).Lost);
    }

    [Fact]
    public async Task ATakeRepeatedByItsHolder_AfterALostAnswer_GetsTheSameLease()
    {
        var a = await ConnectAsync("a");
        var b = await ConnectAsync("b");
        const string fixture = "Ns.F, Tests";

        var first = Assert.IsType<FixtureLockAnswer.Taken>(await a.TakeFixtureAsync(fixture));
        var again = Assert.IsType<FixtureLockAnswer.Taken>(await a.TakeFixtureAsync(fixture));

        Assert.Equal(first.Lock, again.Lock);
        Assert.Null(again.Lost);
        Assert.Equal("a", Assert.IsType<FixtureLockAnswer.Wait>(await b.TakeFixtureAsync(fixture)).Holder);
    }

    [Fact]
    public async Task ANodeWhoseRunEndsAsItTakesTheLock_GivesItBack_AndAnotherNodeSetsTheFixtureUp()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");

        // a's run ends while its request is on its way to Redis: its own fixtures close first.
        var late = a.GetAsync(Request("Database"), CancellationToken.None);
        Assert.Empty(await a.TearDownAsync().WaitAsync(Timeout));
        Assert.Contains("the run is over", (await late.WaitAsync(Timeout)).Error, StringComparison.Ordinal);

        var value = await b.GetAsync(Request("Database"), CancellationToken.None).WaitAsync(Timeout);

        Assert.Null(value.Error);
        Assert.Equal(["b"], _stages.Where(s => s.Stage == "SetUp").Select(s => s.Node));
        var events = await (await ConnectAsync("report")).ReadFixtureEventsAsync();
        Assert.Equal(["set up on node b"], events.Select(e => e.Describe()));
    }

    [Fact]
    public async Task ANodeScopedFixture_IsEachNodesOwn()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");

        var mine = await a.GetAsync(Request("Machine", GlobalFixtureScope.Node), CancellationToken.None).WaitAsync(Timeout);
        var theirs = await b.GetAsync(Request("Machine", GlobalFixtureScope.Node), CancellationToken.None).WaitAsync(Timeout);

        Assert.Null(mine.Error);
        Assert.NotEqual(mine.Json, theirs.Json);
        Assert.Equal(["a", "b"], _stages.Where(s => s.Stage == "SetUp").Select(s => s.Node).Order());
        Assert.Empty(a.HeldLocks());
        Assert.Empty(await a.TearDownAsync().WaitAsync(Timeout));
        Assert.Empty(_said);
        Assert.Equal(["a", "b"], _stages.Where(s => s.Stage == "SetUp").Select(s => s.Node).Order());
        Assert.Equal(["a"], _stages.Where(s => s.Stage == "TearDown").Select(s => s.Node));
    }

    [Fact]
    public async Task TheHolder_TearsDownOnlyWhenTheBuildIsDone()
    {
        var a = await NodeAsync("a");
        var other = await ConnectAsync("c");
        await other.JoinAsync("h", [1], 1);
        var lease = Assert.Single((await other.ReserveAsync(1)).Leases);
        await a.GetAsync(Request("Database"), CancellationToken.None).WaitAsync(Timeout);

        var tearingDown = a.TearDownAsync();
        await Task.Delay(1500);
        Assert.False(tearingDown.IsCompleted);
        Assert.DoesNotContain(_stages, s => s.Stage == "TearDown");

        Assert.True((await other.CompleteAsync(lease, [])).Held);
        Assert.Empty(await tearingDown.WaitAsync(Timeout));
        Assert.Single(_stages, s => s.Stage == "TearDown");
    }

    [Fact]
    public async Task TheHolder_StopsWaiting_WhenNoOtherNodeDoesAnything()
    {
        var a = await NodeAsync("a", inactiveTimeout: TimeSpan.FromSeconds(1));
        var other = await ConnectAsync("c");
        await other.JoinAsync("h", [1], 1);
        Assert.Single((await other.ReserveAsync(1)).Leases);
        await a.GetAsync(Request("Database"), CancellationToken.None).WaitAsync(Timeout);

        Assert.Empty(await a.TearDownAsync().WaitAsync(Timeout));

        Assert.Single(_stages, s => s.Stage == "TearDown");
        Assert.Contains(_warned, w => w.Contains("no other node did anything for 1 s", StringComparison.Ordinal));
    }

    private async Task<BuildFixtures> NodeAsync(string name, QueueOptions? options = null, TimeSpan? inactiveTimeout = null)
    {
        var manager = new GlobalFixtureManager(Run, (fixture, stage, ended) =>
        {
            if (!ended)
            {
                _stages.Enqueue((name, fixture, stage));
            }
        });
        return new BuildFixtures(manager, await ConnectAsync(name, options), null, inactiveTimeout ?? Timeout, TimeProvider.System, _said.Enqueue, _warned.Enqueue, CancellationToken.None);
    }

    private async Task<RedisBuild> ConnectAsync(string name, QueueOptions? options = null)
    {
        Assert.True(QueueAddress.TryParse(_server.Url, out var address, out var error), error);
        var connection = await RedisBuild.ConnectAsync(address!, "b1", name, options ?? new QueueOptions());
        _connections.Add(connection);
        return connection;
    }

    private static GlobalFixtureRequest Request(string fixture, GlobalFixtureScope scope = GlobalFixtureScope.Build) =>
        new($"GlobalFixtureSuite.{fixture}, GlobalFixtures.NUnit4", TestAssets.GlobalFixturesNUnit4, scope);
}
