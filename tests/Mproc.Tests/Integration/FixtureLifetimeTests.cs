using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// Counted from outside the processes: each worker appends to its own log file (by pid), so the
/// number of SetUpFixture and OneTimeSetUp runs per process is visible after the run.
/// </summary>
public sealed class FixtureLifetimeTests
{
    [Theory]
    [InlineData(3, 3)]
    [InlineData(5, 4)]
    public async Task SetUpFixtureAndOneTimeSetUp_RunAtMostOncePerWorker_AndEveryTestRunsOnce(int nunitMajor, int workers)
    {
        var logDirectory = TestTemp.CreateDirectory("log-").FullName;
        var run = await MprocTool.RunAsync(
            ["--cores", workers.ToString(System.Globalization.CultureInfo.InvariantCulture), TestAssets.OutcomesFor(nunitMajor)],
            new Dictionary<string, string> { ["MPROC_ASSET_LOG_DIR"] = logDirectory });
        Assert.True(run.ExitCode == OutcomesAsset.Failed, run.ToString());

        var logs = Directory.GetFiles(logDirectory, "*.log").Select(File.ReadAllLines).ToList();
        Assert.InRange(logs.Count, 1, workers);
        foreach (var lines in logs)
        {
            Assert.Equal(1, lines.Count(l => l == "setupfixture"));
            var fixtureRuns = lines.Where(l => l.StartsWith("onetimesetup ", StringComparison.Ordinal)).ToList();
            Assert.Equal(fixtureRuns.Count, fixtureRuns.Distinct().Count());
            Assert.True(lines.Count(l => l.StartsWith("namespace-setupfixture", StringComparison.Ordinal)) <= 1);
            var workerIds = lines.Where(l => l.StartsWith("test ", StringComparison.Ordinal)).Select(l => l[(l.LastIndexOf("worker=", StringComparison.Ordinal) + 7)..]).Distinct().ToList();
            // A worker may have been granted only tests that log nothing (ignored, broken fixture).
            Assert.True(workerIds.Count <= 1, $"one process reported worker ids {string.Join(", ", workerIds)}");
            Assert.All(workerIds, id => Assert.InRange(int.Parse(id, System.Globalization.CultureInfo.InvariantCulture), 0, workers - 1));
        }

        var testLines = logs.SelectMany(l => l).Where(l => l.StartsWith("test ", StringComparison.Ordinal)).Select(l => l[..l.LastIndexOf(" worker=", StringComparison.Ordinal)]).ToList();
        Assert.Equal(OutcomesAsset.LoggedTests, testLines.Count);
        Assert.Equal(testLines.Count, testLines.Distinct().Count());

        // A fixture's OneTimeSetUp runs only in workers that ran one of its tests: never more often in
        // total than there are workers, and at least once overall.
        var totalFixtureRuns = logs.Sum(l => l.Count(x => x.StartsWith("onetimesetup ", StringComparison.Ordinal)));
        Assert.InRange(totalFixtureRuns, OutcomesAsset.Fixtures, OutcomesAsset.Fixtures * workers);
    }

    [Fact]
    public async Task DisabledMproc_RunsEachSetUpOnceInOneProcess()
    {
        var logDirectory = TestTemp.CreateDirectory("log-").FullName;
        var run = await MprocTool.RunAsync(
            ["--disable-mproc", TestAssets.OutcomesFor(4)],
            new Dictionary<string, string> { ["MPROC_ASSET_LOG_DIR"] = logDirectory });
        Assert.True(run.ExitCode == OutcomesAsset.Failed, run.ToString());

        var lines = File.ReadAllLines(Assert.Single(Directory.GetFiles(logDirectory, "*.log")));
        Assert.Equal(1, lines.Count(l => l == "setupfixture"));
        Assert.Equal(OutcomesAsset.Fixtures, lines.Count(l => l.StartsWith("onetimesetup ", StringComparison.Ordinal)));
        Assert.All(lines.Where(l => l.StartsWith("test ", StringComparison.Ordinal)), l => Assert.EndsWith("worker=0", l, StringComparison.Ordinal));
    }
}
