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
    public async Task ANodeScopedGroup_RunsOnOneNode_SpreadOverItsWorkers_EachTestOnce()
    {
        var logs = TestTemp.CreateDirectory("shared-logs-").FullName;
        var environment = Queue();
        environment["MPROC_ASSET_LOG_DIR"] = logs;
        environment["MPROC_ASSET_MEET_DIR"] = TestTemp.CreateDirectory("shared-meet-").FullName;
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            MprocTool.RunAsync(["--cores", "2", "--build-id", "node-groups", "--node-id", $"node{i}", TestAssets.SchedulingNUnit4], environment)));
        var report = await ReportAsync("node-groups");

        Assert.All(nodes, n => Assert.True(n.ExitCode == 0, n.ToString()));
        Assert.Equal(0, report.ExitCode);
        // The "cache" group: six tests in two fixtures, and one in a fixture far from them.
        static bool InCache(string test) => test.StartsWith("Scheduling.NodeGrouped.Cache", StringComparison.Ordinal) || test.EndsWith(".CacheWarmingTests.Warms", StringComparison.Ordinal);
        var cacheTests = report.Results.Results.Keys.Where(InCache).ToList();
        Assert.Equal(7, cacheTests.Count);
        var ranOn = nodes.Where(n => n.Results.Results.Keys.Any(InCache)).ToList();
        var node = Assert.Single(ranOn);
        Assert.Equal(cacheTests.Order(StringComparer.Ordinal), node.Results.Results.Keys.Where(InCache).Order(StringComparer.Ordinal));
        var ranBy = Directory.GetFiles(logs, "*.log")
            .SelectMany(f => File.ReadAllLines(f).Select(line => (Process: Path.GetFileNameWithoutExtension(f), Test: line.Split(' ')[1])))
            .Where(r => InCache(r.Test))
            .ToList();
        Assert.Equal(cacheTests.Order(StringComparer.Ordinal), ranBy.Select(r => r.Test).Order(StringComparer.Ordinal));
        Assert.True(ranBy.Select(r => r.Process).Distinct().Count() >= 2, string.Join('\n', ranBy));
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

    [Fact]
    public async Task ARerun_RunsAgainOnlyTheUnitsOfTheFailedTests_AndTheReportMergesThem()
    {
        var assembly = TestAssets.OutcomesFor(4);
        var first = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            MprocTool.RunAsync(["--cores", "1", "--seed", Seed, "--build-id", "rerun", "--attempt", "1", "--node-id", $"node{i}", assembly], Queue())));
        var firstReport = await ReportAsync("rerun", 1);
        Assert.Equal(OutcomesAsset.Failed, firstReport.ExitCode);

        // The units that hold a failed test, from the build's own plan.
        var plan = await StoredPlanAsync("rerun");
        var names = plan.Assemblies().SelectMany(a => a.Nodes).Where(n => n.Ordinal >= 0).ToDictionary(n => n.Ordinal, n => n.FullName);
        var failed = firstReport.Results.Results.Where(r => r.Value.Result == "Failed").Select(r => r.Key).ToHashSet();
        Assert.Equal(OutcomesAsset.Failed, failed.Count);
        var expected = plan.Units.Where(u => u.Ordinals.Any(o => failed.Contains(names[o]))).SelectMany(u => u.Ordinals).Select(o => names[o]).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Count < OutcomesAsset.Total, string.Join(", ", expected));

        // The CI re-run: the same build id, attempt 2 (one node from MPROC_ATTEMPT, as a CI variable would give it), two machines.
        var environment = Queue();
        environment["MPROC_ATTEMPT"] = "2";
        var second = await Task.WhenAll(
            MprocTool.RunAsync(["--cores", "1", "--build-id", "rerun", "--node-id", "node0", assembly], environment),
            MprocTool.RunAsync(["--cores", "1", "--build-id", "rerun", "--attempt", "2", "--node-id", "node1", assembly], Queue()));
        var secondReport = await ReportAsync("rerun", 2);

        Assert.All(second, n => Assert.Contains("of build rerun (attempt 2)", n.Stdout, StringComparison.Ordinal));
        Assert.Single(second, n => n.Stdout.Contains($"attempt 2 of build rerun: {expected.Count} tests in", StringComparison.Ordinal));
        var ranAgain = second.SelectMany(n => n.Results.Results.Keys).ToList();
        Assert.Equal(expected, ranAgain.Order(StringComparer.Ordinal));
        Assert.Equal(OutcomesAsset.Failed, second.Sum(n => n.ExitCode));

        // The same outcomes (these failures fail every time), now from attempt 2 for the tests that ran again.
        var before = firstReport.Results;
        var after = secondReport.Results;
        Assert.Equal(before.Results.Keys.Order(StringComparer.Ordinal), after.Results.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, result) in before.Results)
        {
            Assert.True((result.Result, result.Label, result.Site) == (after.Results[name].Result, after.Results[name].Label, after.Results[name].Site), $"{name}: {result} then {after.Results[name]}");
        }

        Assert.Equal(before.Totals, after.Totals);
        Assert.Equal(OutcomesAsset.Failed, secondReport.ExitCode);
        Assert.Contains($"{OutcomesAsset.Failed} tests that failed in an earlier attempt ran again: 0 passed, {OutcomesAsset.Failed} failed again", secondReport.Stdout, StringComparison.Ordinal);
        Assert.Contains("node1 (attempt 2)", secondReport.Stdout, StringComparison.Ordinal);
        Assert.Contains("node2 (attempt 1)", secondReport.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARerun_ReportsATestThatPassesNow_AsPassed_WithItsHistory()
    {
        var assembly = CrashyAsset.Path;
        var crashing = Queue();
        crashing[CrashyAsset.ModeVariable] = "exit";
        var first = await MprocTool.RunAsync(["--cores", "2", "--build-id", "flaky", "--attempt", "1", "--node-id", "a", assembly], crashing);
        var firstReport = await ReportAsync("flaky", 1);
        var second = await MprocTool.RunAsync(["--cores", "2", "--build-id", "flaky", "--attempt", "2", "--node-id", "a", assembly], Queue());
        var secondReport = await ReportAsync("flaky", 2);

        const string crashed = CrashyAsset.CrashingFixture + ".ExitsWithCode3";
        Assert.Equal(CrashyAsset.Failed + 1, first.ExitCode);
        Assert.Equal(CrashyAsset.Failed + 1, firstReport.ExitCode);
        Assert.Equal("Failed", firstReport.Results.Results[crashed].Result);
        Assert.Equal(CrashyAsset.Failed, second.ExitCode);
        Assert.Contains(crashed, second.Results.Results.Keys);
        Assert.True(second.Results.Results.Count < CrashyAsset.Total, second.ToString());
        Assert.Equal(CrashyAsset.Failed, secondReport.ExitCode);
        Assert.Equal(CrashyAsset.Total, secondReport.Results.Results.Count);
        Assert.All(secondReport.Results.Results, r => Assert.Equal(CrashyAsset.ExpectedResultWithoutCrash(r.Key), r.Value.Result));
        Assert.Contains($"{CrashyAsset.Failed + 1} tests that failed in an earlier attempt ran again: 1 passed, {CrashyAsset.Failed} failed again", secondReport.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{crashed}: failed in attempt 1, passed in attempt 2", secondReport.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARerunOfABuildWithoutFailures_RunsNothing_AndAnEarlierAttemptIsRefused()
    {
        var assembly = TestAssets.DependencyNUnit4;
        var first = await MprocTool.RunAsync(["--cores", "2", "--build-id", "green", "--attempt", "1", "--node-id", "a", assembly], Queue());
        var firstReport = await ReportAsync("green", 1);
        var rerun = await MprocTool.RunAsync(["--cores", "2", "--build-id", "green", "--attempt", "2", "--node-id", "a", assembly], Queue());
        var secondReport = await ReportAsync("green", 2);
        var stale = await MprocTool.RunAsync(["--cores", "2", "--build-id", "green", "--attempt", "1", "--node-id", "b", assembly], Queue());

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, firstReport.ExitCode);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Empty(rerun.Results.Results);
        Assert.Contains("no test failed or went without a result in attempt 1, so nothing runs again", rerun.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, secondReport.ExitCode);
        Assert.Equal(firstReport.Results.Results, secondReport.Results.Results);
        Assert.Contains("no test had failed: nothing ran again", secondReport.Stdout, StringComparison.Ordinal);

        // A report for an attempt that never starts reports the build's latest, with a warning.
        var ahead = await MprocTool.RunAsync(["report", "--build-id", "green", "--attempt", "3", "--inactive-timeout", "1"], Queue());
        Assert.Equal(0, ahead.ExitCode);
        Assert.Contains("attempt 3 of build green never started", ahead.Stderr, StringComparison.Ordinal);
        Assert.Equal(firstReport.Results.Results, ahead.Results.Results);

        Assert.Equal(-1 & 0xFF, stale.ExitCode);
        var error = Assert.Single(stale.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("build green is at attempt 2, later than this node's attempt 1", error, StringComparison.Ordinal);
        Assert.False(File.Exists(stale.ResultPath));
    }

    [Fact]
    public async Task ARerunOfABuildWhoseMachinesDied_TakesOverWhatHadNoResult_WithoutWaitingForTheirLeases()
    {
        var assembly = TestAssets.SleepyNUnit4;
        const int total = 200;
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port},password={_redis.Password}");
        var db = redis.GetDatabase();

        // Attempt 1's only machine goes away holding leases that would last 10 minutes.
        var (info, _) = MprocTool.StartInfo(["--cores", "2", "--build-id", "died", "--attempt", "1", "--node-id", "doomed", "--lease-time", "600", assembly], Queue());
        using (var doomed = Process.Start(info)!)
        {
            doomed.BeginOutputReadLine();
            doomed.BeginErrorReadLine();
            var deadline = DateTime.UtcNow + MprocTool.DefaultTimeout;
            while (await db.HashLengthAsync("mproc:{died}:results") < 10)
            {
                Assert.True(DateTime.UtcNow < deadline && !doomed.HasExited, "the doomed node stored no results");
                await Task.Delay(50);
            }

            doomed.Kill(entireProcessTree: true);
            await doomed.WaitForExitAsync();
        }

        var stored = (int)await db.HashLengthAsync("mproc:{died}:results");
        Assert.True(await db.SortedSetLengthAsync("mproc:{died}:deadline") > 0);
        var rerun = await MprocTool.RunAsync(["--cores", "2", "--build-id", "died", "--attempt", "2", "--node-id", "rerun", "--lease-time", "600", assembly], Queue());
        var report = await ReportAsync("died", 2);

        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(total - stored, rerun.Results.Results.Count);
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(total, report.Results.Results.Count);
        Assert.All(report.Results.Results.Values, r => Assert.Equal("Passed", r.Result));
    }

    [Fact]
    public async Task AMachineOfAnEarlierAttemptStillRunning_TakesNothingMoreOnceALaterOneOpens()
    {
        var assembly = TestAssets.SleepyNUnit4;
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port},password={_redis.Password}");
        var db = redis.GetDatabase();
        var (info, earlyFolder) = MprocTool.StartInfo(["--cores", "1", "--build-id", "overtaken", "--attempt", "1", "--node-id", "early", "--lease-time", "600", assembly], Queue());
        using var early = Process.Start(info)!;
        var earlyOut = early.StandardOutput.ReadToEndAsync();
        var earlyErr = early.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow + MprocTool.DefaultTimeout;
        while (await db.HashLengthAsync("mproc:{overtaken}:results") < 10)
        {
            Assert.True(DateTime.UtcNow < deadline && !early.HasExited, "the early node stored no results");
            await Task.Delay(50);
        }

        var later = await MprocTool.RunAsync(["--cores", "2", "--build-id", "overtaken", "--attempt", "2", "--node-id", "later", "--lease-time", "600", assembly], Queue());
        await early.WaitForExitAsync().WaitAsync(MprocTool.DefaultTimeout);
        var earlyResult = new MprocResult(early.ExitCode, await earlyOut, await earlyErr, earlyFolder);
        var report = await ReportAsync("overtaken", 2);

        Assert.Equal(0, later.ExitCode);
        Assert.Equal(0, earlyResult.ExitCode);
        Assert.Contains("build overtaken moved on to attempt 2: this node (attempt 1) takes no more tests", earlyResult.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(200, report.Results.Results.Count);
        Assert.All(report.Results.Results.Values, r => Assert.Equal("Passed", r.Result));
        Assert.True(later.Results.Results.Count + earlyResult.Results.Results.Count >= 200, $"{later}\n{earlyResult}");
    }

    private Dictionary<string, string> Queue() => new() { ["MPROC_QUEUE"] = _redis.Url };

    private async Task<Mproc.Coordinator.Distributed.BuildPlan> StoredPlanAsync(string build)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port},password={_redis.Password}");
        return Mproc.Coordinator.Distributed.BuildRecords.DecodePlan((byte[])(await redis.GetDatabase().StringGetAsync($"mproc:{{{build}}}:plan"))!);
    }

    private Task<MprocResult> ReportAsync(string build, int? attempt = null) =>
        MprocTool.RunAsync(["report", "--build-id", build, "--inactive-timeout", "30", .. attempt is { } a ? new[] { "--attempt", a.ToString(CultureInfo.InvariantCulture) } : []], Queue());
}
