using System.Diagnostics;
using System.Globalization;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// Several real coordinator processes, standing in for CI machines, pull one build's tests from a
/// real redis-server; <c>nunit-mproc report</c> merges what they did.
/// </summary>
public sealed partial class SharedBuildTests : IAsyncLifetime
{
    private const string Seed = "424242";

    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task ThreeNodes_RunEveryTestOnce_AndTheReportEqualsASerialNUnitRun()
    {
        var assembly = TestAssets.OutcomesFor(4);
        var reference = await ReferenceRun.RunAsync(assembly, randomSeed: int.Parse(Seed, CultureInfo.InvariantCulture));

        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            MprocTool.RunAsync(["--cores", "1", "--seed", Seed, "--build-id", "outcomes", "--node-id", $"node{i}", assembly], Queue())));
        var report = await ReportAsync("outcomes");

        Assert.True(File.Exists(report.ResultPath), report.ToString());
        var merged = report.Results;
        Assert.Equal(OutcomesAsset.Total, merged.Results.Count);
        Assert.Equal(reference.Results.Keys.Order(StringComparer.Ordinal), merged.Results.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, expected) in reference.Results)
        {
            var actual = merged.Results[name];
            Assert.True(
                (expected.Result, expected.Label ?? string.Empty, expected.Site ?? "Test") == (actual.Result, actual.Label ?? string.Empty, actual.Site ?? "Test"),
                $"{name}: serial NUnit gave {expected}, the build's report gave {actual}");
        }

        Assert.Equal(reference.Totals, merged.Totals);
        Assert.Equal(OutcomesAsset.Failed, report.ExitCode);

        // Each node reports its own share: together, every test once.
        var shares = nodes.Select(n => n.Results).ToList();
        Assert.All(nodes, n => Assert.Contains("of build outcomes", n.Stdout, StringComparison.Ordinal));
        Assert.Equal(OutcomesAsset.Total, shares.Sum(s => s.Results.Count));
        Assert.DoesNotContain(shares.SelectMany(s => s.Results.Keys).GroupBy(k => k), g => g.Count() > 1);
        Assert.Equal(OutcomesAsset.Failed, nodes.Sum(n => n.ExitCode));
        Assert.Contains("Nodes", report.Stdout, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Contains($"node{i}", report.Stdout, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AGroup_StaysInOneWorkerOfOneNode()
    {
        var logs = TestTemp.CreateDirectory("shared-logs-").FullName;
        var environment = Queue();
        environment["MPROC_ASSET_LOG_DIR"] = logs;
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            MprocTool.RunAsync(["--cores", "2", "--build-id", "groups", "--node-id", $"node{i}", TestAssets.SchedulingNUnit4], environment)));
        var report = await ReportAsync("groups");

        Assert.All(nodes, n => Assert.True(n.ExitCode == 0, n.ToString()));
        Assert.Equal(0, report.ExitCode);
        var ranBy = Directory.GetFiles(logs, "*.log")
            .SelectMany(f => File.ReadAllLines(f).Select(line => (Process: Path.GetFileNameWithoutExtension(f), Test: line.Split(' ')[1])))
            .ToList();
        Assert.Equal(report.Results.Results.Count, ranBy.Count);
        var db = ranBy.Where(r => r.Test.StartsWith("Scheduling.Grouped.OrderRepositoryTests", StringComparison.Ordinal)
            || r.Test.StartsWith("Scheduling.Grouped.CustomerRepositoryTests", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, db.Count);
        Assert.Single(db.Select(r => r.Process).Distinct());
    }

    [Fact]
    public async Task ANodeKilledMidRun_LosesItsLeases_AndAnotherNodeRunsThem()
    {
        var assembly = TestAssets.SleepyNUnit4;
        var total = 200;
        var environment = Queue();
        var (info, _) = MprocTool.StartInfo(["--cores", "2", "--build-id", "killed", "--node-id", "doomed", "--lease-time", "2", assembly], environment);
        using (var doomed = Process.Start(info)!)
        {
            var output = new System.Text.StringBuilder();
            doomed.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            doomed.BeginOutputReadLine();
            doomed.BeginErrorReadLine();

            // Killed (with its workers, as a machine that goes away) once it has stored some results
            // and holds leases on more.
            await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port},password={_redis.Password}");
            var deadline = DateTime.UtcNow + MprocTool.DefaultTimeout;
            while (await redis.GetDatabase().HashLengthAsync("mproc:{killed}:results") < 10)
            {
                Assert.True(DateTime.UtcNow < deadline && !doomed.HasExited, $"the doomed node stored no results: {output}");
                await Task.Delay(50);
            }

            doomed.Kill(entireProcessTree: true);
            await doomed.WaitForExitAsync();
        }

        var survivor = await MprocTool.RunAsync(["--cores", "2", "--build-id", "killed", "--node-id", "survivor", "--lease-time", "2", assembly], environment);
        var report = await ReportAsync("killed");

        Assert.Equal(0, survivor.ExitCode);
        Assert.True(survivor.Results.Results.Count < total, survivor.ToString());
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(total, report.Results.Results.Count);
        Assert.All(report.Results.Results.Values, r => Assert.Equal("Passed", r.Result));
        Assert.Contains("doomed", report.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANodeInterrupted_GivesItsLeasesBackAtOnce_AndExitsMinus3()
    {
        var assembly = TestAssets.SleepyNUnit4;
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port},password={_redis.Password}");
        var db = redis.GetDatabase();

        // Leases that would last 10 minutes: only giving them back lets the other node finish soon.
        var (exitCode, output) = await MprocTool.RunAndInterruptAsync(
            ["--cores", "2", "--build-id", "stopped", "--node-id", "stopping", "--lease-time", "600", assembly],
            Queue(),
            null,
            () => db.HashLength("mproc:{stopped}:results") >= 10);
        var holders = await db.HashLengthAsync("mproc:{stopped}:holder");
        var other = await MprocTool.RunAsync(["--cores", "2", "--build-id", "stopped", "--node-id", "other", "--lease-time", "600", assembly], Queue());
        var report = await ReportAsync("stopped");

        Assert.True(exitCode == (-3 & 0xFF), output);
        Assert.Equal(0, holders);
        Assert.Equal(0, other.ExitCode);
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(200, report.Results.Results.Count);
    }

    [Fact]
    public async Task ConnectionsKilledOverAndOver_LoseNoResult_AndDuplicateNone()
    {
        var assembly = TestAssets.SleepyNUnit4;
        using var stop = new CancellationTokenSource();
        var kills = 0;
        var killing = Task.Run(async () =>
        {
            await using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port},password={_redis.Password},allowAdmin=true");
            var server = admin.GetServer("127.0.0.1", _redis.Port);

            // Once the nodes have started storing results: every connection but this one, again and again.
            while (!stop.IsCancellationRequested && await admin.GetDatabase().HashLengthAsync("mproc:{cut}:results") == 0)
            {
                await Task.Delay(20);
            }

            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(400);
                await server.ExecuteAsync("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
                kills++;
            }
        });

        var nodes = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            MprocTool.RunAsync(["--cores", "2", "--build-id", "cut", "--node-id", $"node{i}", assembly], Queue())));
        await stop.CancelAsync();
        await killing;
        var report = await ReportAsync("cut");

        Assert.True(kills >= 3, $"{kills} kills");
        Assert.All(nodes, n => Assert.True(n.ExitCode == 0, n.ToString()));
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(200, report.Results.Results.Count);
        Assert.Equal(200, nodes.Sum(n => n.Results.Results.Count));
    }

    [Fact]
    public async Task ANodeWithOtherTests_FailsAtOnce_NamingTheDifference()
    {
        var first = await MprocTool.RunAsync(["--cores", "1", "--build-id", "differs", "--node-id", "a", TestAssets.DependencyNUnit4], Queue());
        var second = await MprocTool.RunAsync(["--cores", "1", "--build-id", "differs", "--node-id", "b", TestAssets.SleepyNUnit4], Queue());

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(-6 & 0xFF, second.ExitCode);
        Assert.Contains("differ from those of build differs", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, second.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("error", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ANodeJoiningLate_RunsNothing_AndExitsZero()
    {
        var first = await MprocTool.RunAsync(["--cores", "2", "--build-id", "late", "--node-id", "early", TestAssets.DependencyNUnit4], Queue());
        var late = await MprocTool.RunAsync(["--cores", "2", "--build-id", "late", "--node-id", "late", TestAssets.DependencyNUnit4], Queue());

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, late.ExitCode);
        Assert.Empty(late.Results.Results);
    }

    [Fact]
    public async Task TheReportStoresTheBuildsDurations_AndTheNextBuildWithoutATimingsFileOrdersByThem()
    {
        var assembly = TestAssets.DependencyNUnit4;
        var first = await MprocTool.RunAsync(["--cores", "1", "--build-id", "t1", "--node-id", "a", assembly], Queue());
        Assert.Equal(0, (await ReportAsync("t1")).ExitCode);

        // A fresh folder: no timings file of its own.
        var second = await MprocTool.RunAsync(["--cores", "1", "--build-id", "t2", "--node-id", "b", assembly], Queue());

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port},password={_redis.Password}");
        var db = redis.GetDatabase();
        var firstSettings = Mproc.Coordinator.Distributed.BuildRecords.DecodeSettings((byte[])(await db.StringGetAsync("mproc:{t1}:settings"))!);
        var secondSettings = Mproc.Coordinator.Distributed.BuildRecords.DecodeSettings((byte[])(await db.StringGetAsync("mproc:{t2}:settings"))!);
        Assert.Empty(firstSettings.Timings);
        Assert.Equal(first.Results.Results.Count, secondSettings.Timings.Count);
        Assert.All(secondSettings.Timings, t => Assert.Equal(Path.GetFileName(assembly), t.Assembly));
        var key = Assert.Single(redis.GetServer("127.0.0.1", _redis.Port).Keys(pattern: "mproc:timings:*"));
        Assert.True(await db.KeyTimeToLiveAsync(key) > TimeSpan.FromDays(29));
    }

    [Fact]
    public async Task TheReport_OfABuildNoNodeStarted_StopsWaiting_WithOneErrorLine()
    {
        var report = await MprocTool.RunAsync(["report", "--build-id", "nobody", "--inactive-timeout", "1"], Queue());

        Assert.NotEqual(0, report.ExitCode);
        Assert.Contains("build nobody has no plan", report.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableQueue_IsOneErrorLine_AndNothingRuns()
    {
        var run = await MprocTool.RunAsync(["--build-id", "x", TestAssets.DependencyNUnit4], new Dictionary<string, string> { ["MPROC_QUEUE"] = $"redis://:{_redis.Password}@127.0.0.1:1" });

        Assert.Equal(-8 & 0xFF, run.ExitCode);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(_redis.Password, run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(run.ResultPath));
    }

    private Dictionary<string, string> Queue() => new() { ["MPROC_QUEUE"] = _redis.Url };

    private Task<MprocResult> ReportAsync(string build) =>
        MprocTool.RunAsync(["report", "--build-id", build, "--inactive-timeout", "30"], Queue());
}
