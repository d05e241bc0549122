using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// [GlobalFixture] with real workers, counted from outside: fixtures and tests of the GlobalFixtures
/// asset log SetUp, TearDown and the value each test saw, with pid and time, to files.
/// </summary>
[Collection(GlobalFixturesAsset.InProcessCollection)]
public sealed class GlobalFixtureTests
{
    [Fact]
    public async Task SharedFixtures_OnThreeWorkers_SetUpOnce_SameValueEverywhere_TornDownOnceAfterTheLastTest()
    {
        var (run, log) = await RunAsync("--cores", "3", "--where", "cat == Shared");

        Assert.True(run.ExitCode == 0, run.ToString());
        var tests = AssertTests(log, GlobalFixturesAsset.SharedTests);
        Assert.True(tests.Select(t => t.ProcessId).Distinct().Count() >= 2, "the tests should have spread over several workers");
        var coordinator = AssertOnceEach(log, GlobalFixturesAsset.Database, GlobalFixturesAsset.Cache);
        Assert.DoesNotContain(tests, t => t.ProcessId == coordinator);
        Assert.All(tests, t => Assert.Equal(Teardown(log, GlobalFixturesAsset.Database).Value, t.Value));

        // The dependent fixture is torn down before the one it uses, and both after the last test.
        Assert.True(Teardown(log, GlobalFixturesAsset.Cache).Ticks < Teardown(log, GlobalFixturesAsset.Database).Ticks);
        Assert.True(Teardown(log, GlobalFixturesAsset.Cache).Ticks > tests.Max(t => t.Ticks), "TearDown ran before the last test ended");
    }

    [Fact]
    public async Task WithoutAQueue_ANodeScopedFixture_IsSetUpOncePerRun_AsABuildScopedOneIs()
    {
        var (run, log) = await RunAsync("--cores", "3", "--where", "cat == Build");

        Assert.True(run.ExitCode == 0, run.ToString());
        var tests = AssertTests(log, GlobalFixturesAsset.BuildTests);
        AssertOnceEach(log, GlobalFixturesAsset.Database, GlobalFixturesAsset.Machine);
        Assert.All(tests, t => Assert.Equal($"{Teardown(log, GlobalFixturesAsset.Database).Value}+{Teardown(log, GlobalFixturesAsset.Machine).Value}", t.Value));
    }

    [Fact]
    public async Task DisabledMproc_SetsUpAndTearsDownOnceInTheOneProcess()
    {
        var (run, log) = await RunAsync("--disable-mproc", "--where", "cat == Shared");

        Assert.True(run.ExitCode == 0, run.ToString());
        var tests = AssertTests(log, GlobalFixturesAsset.SharedTests);
        var process = AssertOnceEach(log, GlobalFixturesAsset.Database, GlobalFixturesAsset.Cache);
        Assert.All(tests, t => Assert.Equal(process, t.ProcessId));
        Assert.True(Teardown(log, GlobalFixturesAsset.Cache).Ticks > tests.Max(t => t.Ticks));
    }

    [Fact]
    public async Task FailingTest_FixturesStillSetUpOnceAndTornDownOnce()
    {
        var (run, log) = await RunAsync("--cores", "3", "--where", "cat == Shared || cat == Failing");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("Failed", run.Results.Results["GlobalFixtureSuite.FailingTests.FailsAfterUsingTheDatabase"].Result);
        var tests = AssertTests(log, GlobalFixturesAsset.SharedTests + 1);
        AssertOnceEach(log, GlobalFixturesAsset.Database, GlobalFixturesAsset.Cache);
        Assert.True(Teardown(log, GlobalFixturesAsset.Cache).Ticks > tests.Max(t => t.Ticks));
    }

    [Fact]
    public async Task WorkerCrash_FixturesStillSetUpOnceAndTornDownOnce_ReplacementGetsTheSameValue()
    {
        var (run, log) = await RunAsync(
            ["--cores", "3", "--where", "cat == Shared || cat == Crash"],
            new Dictionary<string, string> { [GlobalFixturesAsset.CrashVariable] = "1" });

        Assert.True(run.ExitCode == 1, run.ToString());
        var crashed = run.Results.Results["GlobalFixtureSuite.CrashingTests.KillsItsWorker"];
        Assert.Equal("Failed", crashed.Result);
        Assert.Contains("worker", crashed.Message, StringComparison.Ordinal);
        Assert.All(run.Results.Results.Where(r => r.Key != "GlobalFixtureSuite.CrashingTests.KillsItsWorker"), r => Assert.Equal("Passed", r.Value.Result));
        var tests = AssertTests(log, GlobalFixturesAsset.SharedTests + 1);
        AssertOnceEach(log, GlobalFixturesAsset.Database, GlobalFixturesAsset.Cache);
        Assert.All(tests, t => Assert.Equal(Teardown(log, GlobalFixturesAsset.Database).Value, t.Value));
        Assert.True(Teardown(log, GlobalFixturesAsset.Cache).Ticks > tests.Max(t => t.Ticks));
    }

    [Fact]
    public async Task InterruptedRun_TearsDownOnce()
    {
        var logDirectory = TestTemp.CreateDirectory("gf-").FullName;
        var (exitCode, output) = await MprocTool.RunAndInterruptAsync(
            ["--cores", "2", "--no-result", "--where", "cat == Slow", TestAssets.GlobalFixturesNUnit4],
            new Dictionary<string, string> { [GlobalFixturesAsset.LogDirectoryVariable] = logDirectory },
            logDirectory,
            () => GlobalFixturesAsset.ReadLog(logDirectory).Any(l => l.Kind == "test"));

        Assert.True(exitCode == (-3 & 0xFF), output);
        AssertOnceEach(GlobalFixturesAsset.ReadLog(logDirectory), GlobalFixturesAsset.Database);
    }

    [Fact]
    public async Task ThrowingSetUp_FailsExactlyTheTestsThatAsk_WithItsMessage_AndRunsOnce()
    {
        var (run, log) = await RunAsync("--cores", "3", "--where", "cat == Broken");

        Assert.True(run.ExitCode == GlobalFixturesAsset.BrokenAskingTests, run.ToString());
        var results = run.Results.Results;
        Assert.Equal(GlobalFixturesAsset.BrokenTests, results.Count);
        foreach (var (name, result) in results)
        {
            if (name.Contains("AsksForBroken", StringComparison.Ordinal))
            {
                Assert.Equal(("Failed", "Error"), (result.Result, result.Label));
                Assert.Contains(GlobalFixturesAsset.BrokenMessage, result.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal("Passed", result.Result);
            }
        }

        Assert.Single(log, l => l is { Kind: "setup", Subject: GlobalFixturesAsset.Broken });
        Assert.DoesNotContain(log, l => l.Kind == "teardown");
    }

    [Fact]
    public async Task UnserializableValue_IsAnErrorNamingTheFixtureAndTheType_AndIsStillTornDown()
    {
        var (run, log) = await RunAsync("--cores", "2", "--where", "cat == Unserializable");

        Assert.True(run.ExitCode == 1, run.ToString());
        var message = run.Results.Results["GlobalFixtureSuite.UnserializableTests.AsksForUnserializable"].Message;
        Assert.Contains("global fixture GlobalFixtureSuite.Unserializable: its value of type GlobalFixtureSuite.ProcessHandle cannot be serialized with System.Text.Json", message, StringComparison.Ordinal);
        AssertOnceEach(log, GlobalFixturesAsset.Unserializable);
    }

    [Fact]
    public async Task Cycle_IsAnErrorNamingTheCycle()
    {
        var (run, _) = await RunAsync("--cores", "2", "--where", "cat == Cycle");

        Assert.True(run.ExitCode == 1, run.ToString());
        var message = run.Results.Results["GlobalFixtureSuite.CycleTests.AsksForCycleA"].Message;
        Assert.Contains("global fixture cycle: GlobalFixtureSuite.CycleA -> GlobalFixtureSuite.CycleB -> GlobalFixtureSuite.CycleA", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainInProcessRun_WithoutNUnitMproc_SetsUpOnceAndTearsDownOnce_WithTheSameOutcomes()
    {
        var logDirectory = TestTemp.CreateDirectory("gf-").FullName;
        ReferenceRun reference;
        Environment.SetEnvironmentVariable(GlobalFixturesAsset.LogDirectoryVariable, logDirectory);
        try
        {
            reference = await ReferenceRun.RunAsync(TestAssets.GlobalFixturesNUnit4, GlobalFixturesAsset.AllButCrashAndSlow);
        }
        finally
        {
            Environment.SetEnvironmentVariable(GlobalFixturesAsset.LogDirectoryVariable, null);
        }

        // Torn down when the reference run unloads the test's load context (in a test host: at exit).
        var log = GlobalFixturesAsset.ReadLog(logDirectory);
        var tests = AssertTests(log, GlobalFixturesAsset.SharedTests + 1);
        AssertOnceEach(log, GlobalFixturesAsset.Database, GlobalFixturesAsset.Cache, GlobalFixturesAsset.Unserializable);
        Assert.Single(log, l => l is { Kind: "setup", Subject: GlobalFixturesAsset.Broken });
        Assert.True(Teardown(log, GlobalFixturesAsset.Cache).Ticks > tests.Max(t => t.Ticks));

        // One code path: the same outcome and message per test as under nunit-mproc.
        var (run, _) = await RunAsync("--cores", "3", "--where", GlobalFixturesAsset.AllButCrashAndSlow);
        Assert.Equal(reference.Results.Keys.Order(StringComparer.Ordinal), run.Results.Results.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, expected) in reference.Results)
        {
            Assert.Equal(expected with { Site = expected.Site ?? "Test" }, run.Results.Results[name] with { Site = run.Results.Results[name].Site ?? "Test" });
        }
    }

    private static Task<(MprocResult Run, IReadOnlyList<FixtureLogLine> Log)> RunAsync(params string[] args) => RunAsync(args, null);

    private static async Task<(MprocResult Run, IReadOnlyList<FixtureLogLine> Log)> RunAsync(string[] args, Dictionary<string, string>? environment)
    {
        var logDirectory = TestTemp.CreateDirectory("gf-").FullName;
        var variables = new Dictionary<string, string>(environment ?? []) { [GlobalFixturesAsset.LogDirectoryVariable] = logDirectory };
        var run = await MprocTool.RunAsync([.. args, TestAssets.GlobalFixturesNUnit4], variables);
        return (run, GlobalFixturesAsset.ReadLog(logDirectory));
    }

    private static List<FixtureLogLine> AssertTests(IReadOnlyList<FixtureLogLine> log, int count)
    {
        var tests = log.Where(l => l.Kind == "test").ToList();
        Assert.Equal(count, tests.Count);
        Assert.Single(tests.Select(t => t.Value).Distinct());
        return tests;
    }

    /// <summary>Each fixture set up once and torn down once, all in one process; returns its pid.</summary>
    private static int AssertOnceEach(IReadOnlyList<FixtureLogLine> log, params string[] fixtures)
    {
        foreach (var fixture in fixtures)
        {
            Assert.Single(log, l => l.Kind == "setup" && l.Subject == fixture);
            Assert.Single(log, l => l.Kind == "teardown" && l.Subject == fixture);
        }

        var processes = log.Where(l => l.Kind is "setup" or "teardown").Select(l => l.ProcessId).Distinct().ToList();
        return Assert.Single(processes);
    }

    private static FixtureLogLine Teardown(IReadOnlyList<FixtureLogLine> log, string fixture) =>
        log.Single(l => l.Kind == "teardown" && l.Subject == fixture);
}
