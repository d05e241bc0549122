using Mproc.Protocol.Messages;
using Mproc.Tests.Infrastructure;
using Mproc.Worker.Fixtures;
using Xunit;

namespace Mproc.Tests.Fixtures;

/// <summary>The fixture host's manager of global fixtures, driven directly with the GlobalFixtures asset.</summary>
[Collection(GlobalFixturesAsset.InProcessCollection)]
public sealed class GlobalFixtureManagerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly FixtureRunInfo Run = new("run-1", 3);

    [Fact]
    public async Task GetAsync_ManyConcurrentRequests_OneSetUp_SameAnswer()
    {
        var manager = new GlobalFixtureManager(Run);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => manager.GetAsync(Request("Database"), CancellationToken.None))))
            .WaitAsync(Timeout);

        Assert.Null(answers[0].Error);
        Assert.Contains("\"Token\":", answers[0].Json, StringComparison.Ordinal);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Empty(await manager.TearDownAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task GetAsync_FixtureUsingAnother_GetsTheSameValueTheWorkersGet()
    {
        var manager = new GlobalFixtureManager(Run);

        var cache = await manager.GetAsync(Request("Cache"), CancellationToken.None).WaitAsync(Timeout);
        var database = await manager.GetAsync(Request("Database"), CancellationToken.None).WaitAsync(Timeout);

        var token = System.Text.Json.JsonDocument.Parse(database.Json!).RootElement.GetProperty("Token").GetString();
        Assert.Contains(token!, cache.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_CycleStartedFromTwoThreads_AnswersBothWithTheCycle_InsteadOfHanging()
    {
        var manager = new GlobalFixtureManager(Run);

        var answers = await Task.WhenAll(
            manager.GetAsync(Request("CycleA"), CancellationToken.None),
            manager.GetAsync(Request("CycleB"), CancellationToken.None)).WaitAsync(Timeout);

        Assert.All(answers, a => Assert.Contains("global fixture cycle: ", a.Error, StringComparison.Ordinal));
        Assert.All(answers, a => Assert.Null(a.Json));
    }

    [Fact]
    public async Task GetAsync_ThrowingSetUp_IsAnsweredWithItsMessage_Again_WithoutRetry()
    {
        var manager = new GlobalFixtureManager(Run);

        var first = await manager.GetAsync(Request("Broken"), CancellationToken.None).WaitAsync(Timeout);
        var second = await manager.GetAsync(Request("Broken"), CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(GlobalFixturesAsset.BrokenMessage, first.Error);
        Assert.Same(first, second);
        Assert.Empty(await manager.TearDownAsync().WaitAsync(Timeout));
    }

    [Theory]
    [InlineData("GlobalFixtureSuite.Missing, GlobalFixtures.NUnit4", "cannot load it from")]
    [InlineData("GlobalFixtureSuite.Unmarked, GlobalFixtures.NUnit4", "is not a global fixture: mark it [GlobalFixture]")]
    [InlineData("GlobalFixtureSuite.DatabaseInfo, GlobalFixtures.NUnit4", "is not a global fixture")]
    public async Task GetAsync_NotAGlobalFixture_IsAnsweredWithAnError(string fixtureType, string expected)
    {
        var manager = new GlobalFixtureManager(Run);

        var answer = await manager.GetAsync(new GlobalFixtureRequest(fixtureType, TestAssets.GlobalFixturesNUnit4), CancellationToken.None).WaitAsync(Timeout);

        Assert.Null(answer.Json);
        Assert.Contains(expected, answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_AfterTearDown_AnswersThatTheRunIsOver()
    {
        var manager = new GlobalFixtureManager(Run);
        await manager.TearDownAsync().WaitAsync(Timeout);

        var answer = await manager.GetAsync(Request("Database"), CancellationToken.None).WaitAsync(Timeout);

        Assert.Contains("the run is over", answer.Error, StringComparison.Ordinal);
    }

    private static GlobalFixtureRequest Request(string fixture) =>
        new($"GlobalFixtureSuite.{fixture}, GlobalFixtures.NUnit4", TestAssets.GlobalFixturesNUnit4);
}
