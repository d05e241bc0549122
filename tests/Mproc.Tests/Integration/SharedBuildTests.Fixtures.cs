using System.Diagnostics;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>Global fixtures in a build shared by three nodes: the GlobalFixtures asset, each node logging to a folder of its own.</summary>
public sealed partial class SharedBuildTests
{
    private const string Database = "GlobalFixtureSuite.Database";

    [Fact]
    public async Task ThreeNodes_SetUpABuildFixtureOnce_AndTearItDownOnceOnItsNodeAfterTheLastTest_ANodeFixtureOncePerNode()
    {
        var logs = Enumerable.Range(0, 3).Select(_ => TestTemp.CreateDirectory("shared-gf-").FullName).ToArray();
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => MprocTool.RunAsync(
            ["--cores", "1", "--where", "cat == Build", "--build-id", "fixtures", "--node-id", $"node{i}", TestAssets.GlobalFixturesNUnit4],
            FixtureLog(logs[i]))));
        var report = await ReportAsync("fixtures");

        Assert.All(nodes, n => Assert.True(n.ExitCode == 0, n.ToString()));
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Equal(GlobalFixturesAsset.BuildTests, report.Results.Results.Count);
        var byNode = logs.Select(GlobalFixturesAsset.ReadLog).ToList();
        var all = byNode.SelectMany(l => l).ToList();
        var tests = all.Where(l => l.Kind == "test").ToList();
        Assert.Equal(GlobalFixturesAsset.BuildTests, tests.Count);
        var ran = Enumerable.Range(0, 3).Where(i => byNode[i].Any(l => l.Kind == "test")).ToList();
        Assert.True(ran.Count >= 2, $"only node(s) {string.Join(", ", ran)} ran tests");

        // Build scope: one SetUp, one TearDown on the same node (the same fixture host), after every node's last test.
        var setUp = Assert.Single(all, l => l is { Kind: "setup", Subject: GlobalFixturesAsset.Database });
        var tearDown = Assert.Single(all, l => l is { Kind: "teardown", Subject: GlobalFixturesAsset.Database });
        var holder = byNode.FindIndex(l => l.Contains(setUp));
        Assert.Contains(tearDown, byNode[holder]);
        Assert.Equal(setUp.ProcessId, tearDown.ProcessId);
        Assert.True(tearDown.Ticks > tests.Max(t => t.Ticks), "torn down before the build's last test");
        Assert.All(tests, t => Assert.Equal(tearDown.Value, t.Value!.Split('+')[0]));
        Assert.Contains($"node node{holder} waits for build fixtures to finish to tear down global fixture {Database}", nodes[holder].Stdout, StringComparison.Ordinal);
        Assert.All(nodes.Where((_, i) => i != holder), n => Assert.DoesNotContain("to tear down global fixture", n.Stdout, StringComparison.Ordinal));

        // Node scope: once on each node that asked, torn down there; each node's tests saw its own.
        foreach (var i in ran)
        {
            var machineSetUp = Assert.Single(byNode[i], l => l is { Kind: "setup", Subject: GlobalFixturesAsset.Machine });
            var machineTearDown = Assert.Single(byNode[i], l => l is { Kind: "teardown", Subject: GlobalFixturesAsset.Machine });
            Assert.Equal(machineSetUp.ProcessId, machineTearDown.ProcessId);
            Assert.All(byNode[i].Where(l => l.Kind == "test"), t => Assert.Equal(machineTearDown.Value, t.Value!.Split('+')[1]));
        }

        Assert.Equal(ran.Count, tests.Select(t => t.Value!.Split('+')[1]).Distinct().Count());
        Assert.Contains("Global fixtures", report.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{Database}: set up on node node{holder}; torn down on node node{holder}", report.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreeNodes_AskingForAFixtureWhoseSetUpThrows_AllGetItsError_FromOneSetUp()
    {
        var logs = Enumerable.Range(0, 3).Select(_ => TestTemp.CreateDirectory("shared-gf-").FullName).ToArray();
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => MprocTool.RunAsync(
            ["--cores", "1", "--where", "cat == BuildBroken", "--build-id", "broken", "--node-id", $"node{i}", TestAssets.GlobalFixturesNUnit4],
            FixtureLog(logs[i]))));
        var report = await ReportAsync("broken");

        var byNode = logs.Select(GlobalFixturesAsset.ReadLog).ToList();
        var ran = Enumerable.Range(0, 3).Where(i => byNode[i].Any(l => l.Kind == "test")).ToList();
        Assert.True(ran.Count >= 2, $"only node(s) {string.Join(", ", ran)} ran tests");
        Assert.Single(byNode.SelectMany(l => l), l => l is { Kind: "setup", Subject: GlobalFixturesAsset.Broken });
        Assert.Equal(GlobalFixturesAsset.BuildBrokenTests, report.Results.Results.Count);
        var message = $"Mproc.GlobalFixtures.GlobalFixtureException : {GlobalFixturesAsset.BrokenMessage}";
        Assert.All(report.Results.Results.Values, r => Assert.Equal(("Failed", message), (r.Result, r.Message)));
        Assert.All(ran, i => Assert.All(nodes[i].Results.Results.Values, r => Assert.Equal(message, r.Message)));
        Assert.Equal(GlobalFixturesAsset.BuildBrokenTests, nodes.Sum(n => n.Results.Results.Count));
        Assert.Contains($"GlobalFixtureSuite.Broken: SetUp failed on node node{ran.Single(i => byNode[i].Any(l => l.Kind == "setup"))}: {GlobalFixturesAsset.BrokenMessage}", report.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHolderKilledAfterItsSetUp_IsLost_AndAnotherNodeSetsTheFixtureUpAgain_AsTheReportSays()
    {
        var doomedLog = TestTemp.CreateDirectory("shared-gf-").FullName;
        var survivorLog = TestTemp.CreateDirectory("shared-gf-").FullName;
        var hold = Path.Combine(TestTemp.CreateDirectory("shared-gf-hold-").FullName, "hold");
        await File.WriteAllTextAsync(hold, string.Empty);
        var environment = FixtureLog(doomedLog);
        environment[GlobalFixturesAsset.HoldVariable] = hold;
        string[] args = ["--cores", "1", "--where", "cat == Held", "--build-id", "held", "--lease-time", "2", TestAssets.GlobalFixturesNUnit4];
        var (info, _) = MprocTool.StartInfo([.. args, "--node-id", "doomed"], environment);
        using (var doomed = Process.Start(info)!)
        {
            doomed.BeginOutputReadLine();
            doomed.BeginErrorReadLine();

            // Killed with its workers and fixture host, as a machine that goes away, once its SetUp is stored.
            await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port},password={_redis.Password}");
            var deadline = DateTime.UtcNow + MprocTool.DefaultTimeout;
            while (await redis.GetDatabase().HashLengthAsync("mproc:{held}:fixture-value") == 0)
            {
                Assert.True(DateTime.UtcNow < deadline && !doomed.HasExited, "the doomed node stored no fixture value");
                await Task.Delay(50);
            }

            doomed.Kill(entireProcessTree: true);
            await doomed.WaitForExitAsync();
        }

        File.Delete(hold);
        var survivor = await MprocTool.RunAsync([.. args, "--node-id", "survivor"], FixtureLog(survivorLog));
        var report = await ReportAsync("held");

        Assert.True(survivor.ExitCode == 0, survivor.ToString());
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Equal(GlobalFixturesAsset.HeldTests, report.Results.Results.Count);
        var first = Assert.Single(GlobalFixturesAsset.ReadLog(doomedLog), l => l is { Kind: "setup", Subject: GlobalFixturesAsset.Database });
        var again = GlobalFixturesAsset.ReadLog(survivorLog);
        Assert.Single(again, l => l is { Kind: "setup", Subject: GlobalFixturesAsset.Database });
        var tearDown = Assert.Single(again, l => l is { Kind: "teardown", Subject: GlobalFixturesAsset.Database });
        Assert.All(again.Where(l => l.Kind == "test"), t => Assert.Equal(tearDown.Value, t.Value));
        Assert.DoesNotContain(GlobalFixturesAsset.ReadLog(doomedLog), l => l.Kind == "teardown");
        Assert.NotEqual(first.ProcessId, tearDown.ProcessId);
        Assert.Contains($"{Database}: set up on node doomed; set up again on node survivor after node doomed was lost; torn down on node survivor", report.Stdout, StringComparison.Ordinal);
    }

    private Dictionary<string, string> FixtureLog(string directory)
    {
        var environment = Queue();
        environment[GlobalFixturesAsset.LogDirectoryVariable] = directory;
        return environment;
    }
}
