using System.Text.RegularExpressions;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// Global fixture code runs in a fixture host process, not in the coordinator: a fixture that ends its
/// process (Environment.Exit, a stack overflow) or hangs fails the tests that ask for it, and only
/// those; the run completes with its usual exit code, and no process or file is left behind.
/// </summary>
public sealed class FixtureHostTests
{
    private const string AskingTest = "GlobalFixtureSuite.FixtureCrashTests.AsksForCrashing";

    [Theory]
    [InlineData("exit-setup", "the fixture host process crashed (exit code 7) in the SetUp of GlobalFixtureSuite.Crashing")]
    [InlineData("stackoverflow-setup", "the fixture host process crashed (signal SIGABRT, exit code 134) in the SetUp of GlobalFixtureSuite.Crashing")]
    public async Task SetUpEndsItsProcess_FailsTheTestsThatAsk_OthersRunOnANewHost_NothingLeftBehind(string mode, string what)
    {
        var (run, log) = await RunAsync(mode, "--cores", "1");

        Assert.True(run.ExitCode == GlobalFixturesAsset.FixtureCrashAskingTests, run.ToString());
        AssertOnlyTheAskingTestsFailed(run, $"global fixture GlobalFixtureSuite.Crashing: {what}");

        // Not retried; the database, asked for after the crash, is set up in a new host and torn down.
        Assert.Single(log, l => l is { Kind: "setup", Subject: GlobalFixturesAsset.Crashing });
        var database = Assert.Single(log, l => l is { Kind: "setup", Subject: GlobalFixturesAsset.Database });
        Assert.Single(log, l => l is { Kind: "teardown", Subject: GlobalFixturesAsset.Database });
        var crashedHost = log.Single(l => l.Kind == "setup" && l.Subject == GlobalFixturesAsset.Crashing).ProcessId;
        Assert.NotEqual(crashedHost, database.ProcessId);
        AssertNothingLeftBehind(log, crashedHost);
    }

    [Fact]
    public async Task TearDownEndsItsProcess_IsAWarningNamingTheFixture_ExitCodeUnchanged()
    {
        var (run, log) = await RunAsync("exit-teardown", "--cores", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(
            "nunit-mproc: warning: global fixture GlobalFixtureSuite.Crashing: TearDown did not finish: the fixture host process crashed (exit code 7) in the TearDown of GlobalFixtureSuite.Crashing",
            run.Stderr,
            StringComparison.Ordinal);
        Assert.All(run.Results.Results.Values, r => Assert.Equal("Passed", r.Result));
        Assert.Single(log, l => l is { Kind: "teardown", Subject: GlobalFixturesAsset.Crashing });
        AssertNothingLeftBehind(log, log.Single(l => l.Kind == "teardown" && l.Subject == GlobalFixturesAsset.Crashing).ProcessId);
    }

    [Fact]
    public async Task SetUpHangs_IsKilledAfterTheTestTimeout_FailsTheTestsThatAsk()
    {
        var (run, log) = await RunAsync("hang-setup", "--cores", "2", "--test-timeout", "3");

        Assert.True(run.ExitCode == GlobalFixturesAsset.FixtureCrashAskingTests, run.ToString());
        AssertOnlyTheAskingTestsFailed(
            run,
            "global fixture GlobalFixtureSuite.Crashing: the fixture host process was killed (signal SIGKILL, exit code 137): the SetUp of GlobalFixtureSuite.Crashing ran longer than --test-timeout 3 s");
        AssertNothingLeftBehind(log, log.Single(l => l.Kind == "setup" && l.Subject == GlobalFixturesAsset.Crashing).ProcessId);
    }

    [Fact]
    public async Task FixtureHost_StartsOnlyWhenATestAsks()
    {
        var (without, _) = await RunAsync(string.Empty, "--cores", "1", "--verbose", "--where", "cat == FixtureCrash && method == DoesNotAsk");
        var (with, _) = await RunAsync(string.Empty, "--cores", "1", "--verbose", "--where", "cat == FixtureCrash && method == UsesTheDatabase");

        Assert.True(without.ExitCode == 0, without.ToString());
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.DoesNotContain("Fixture host started", without.Stderr, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(with.Stderr, "Fixture host started"));
    }

    private static void AssertOnlyTheAskingTestsFailed(MprocResult run, string message)
    {
        var results = run.Results.Results;
        Assert.Equal(GlobalFixturesAsset.FixtureCrashTests, results.Count);
        foreach (var (name, result) in results)
        {
            if (name.StartsWith(AskingTest, StringComparison.Ordinal))
            {
                Assert.Equal(("Failed", "Error"), (result.Result, result.Label));
                Assert.Contains(message, result.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(result.Result == "Passed", $"{name}: {result.Result} {result.Message}");
            }
        }
    }

    /// <summary>When nunit-mproc has exited, every process that logged (workers, fixture hosts) is gone, and the crashed host left no runtime files in the temp folder.</summary>
    private static void AssertNothingLeftBehind(IReadOnlyList<FixtureLogLine> log, int crashedHost)
    {
        var pids = log.Select(l => l.ProcessId).Distinct().ToList();
        Assert.DoesNotContain(pids, MprocProcess.IsAlive);
        var leftovers = Directory.GetFiles(Path.GetTempPath(), $"clr-debug-pipe-{crashedHost}-*")
            .Concat(Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{crashedHost}-*"));
        Assert.Empty(leftovers);
    }

    private static async Task<(MprocResult Run, IReadOnlyList<FixtureLogLine> Log)> RunAsync(string mode, params string[] args)
    {
        var logDirectory = TestTemp.CreateDirectory("gf-").FullName;
        var variables = new Dictionary<string, string>
        {
            [GlobalFixturesAsset.LogDirectoryVariable] = logDirectory,
            [GlobalFixturesAsset.FixtureCrashVariable] = mode,
        };
        var where = args.Contains("--where") ? [] : new[] { "--where", "cat == FixtureCrash" };
        var run = await MprocTool.RunAsync([.. args, .. where, TestAssets.GlobalFixturesNUnit4], variables);
        return (run, GlobalFixturesAsset.ReadLog(logDirectory));
    }
}
