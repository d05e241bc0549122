using System.Xml.Linq;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>--last-failed and --failed-first on real runs, remembering failures beside the timings file.</summary>
public sealed class LastFailedTests
{
    [Fact]
    public async Task LastFailed_RunsOnlyThePreviousFailures_AndFailedFirst_StartsWithThem()
    {
        var folder = TestTemp.CreateDirectory("lastfailed-").FullName;
        var timings = Path.Combine(folder, "timings.json");

        var first = await MprocTool.RunAsync("--cores", "2", "--timings", timings, TestAssets.OutcomesNUnit4);
        Assert.True(first.ExitCode == OutcomesAsset.Failed, first.ToString());
        var failed = FailedNames(first);
        Assert.Equal(OutcomesAsset.Failed, failed.Count);
        Assert.True(File.Exists(Path.Combine(folder, "lastfailed.json")));

        var again = await MprocTool.RunAsync("--cores", "2", "--timings", timings, "--last-failed", TestAssets.OutcomesNUnit4);
        Assert.True(again.ExitCode == OutcomesAsset.Failed, again.ToString());
        Assert.Contains($"--last-failed: running the {OutcomesAsset.Failed} tests that failed when they last ran", again.Stdout, StringComparison.Ordinal);
        var cases = XDocument.Parse(again.ResultXml).Descendants("test-case").Select(c => (string)c.Attribute("fullname")!).ToHashSet();
        Assert.Equal(failed, cases);

        var logDirectory = TestTemp.CreateDirectory("lastfailed-log-").FullName;
        // NUnit runs an [Order]ed fixture ahead of its siblings whatever the tree's order: OrderedTests is left out.
        var ordered = await MprocTool.RunAsync(
            ["--cores", "1", "--timings", timings, "--failed-first", "--where", "class != Outcomes.Basic.OrderedTests", TestAssets.OutcomesNUnit4],
            new Dictionary<string, string> { [OutcomesAsset.LogDirectoryVariable] = logDirectory });
        Assert.True(ordered.ExitCode == OutcomesAsset.Failed, ordered.ToString());
        var started = File.ReadAllLines(Assert.Single(Directory.GetFiles(logDirectory, "*.log")))
            .Where(l => l.StartsWith("test ", StringComparison.Ordinal))
            .Select(l => l["test ".Length..l.LastIndexOf(" worker=", StringComparison.Ordinal)])
            .ToList();
        // At every level of NUnit's tree what holds a failed test goes first: the run starts with the
        // failing fixture of the failing namespace, and a failed case goes ahead of its method's others.
        var order = string.Join('\n', started);
        Assert.True(started.Count > 20, order);
        Assert.All(started.Take(3), name => Assert.StartsWith("Outcomes.Basic.FailingTests.", name, StringComparison.Ordinal));
        var adds = started.Where(n => n.StartsWith("Outcomes.Parameterized.TestCaseTests.Adds(", StringComparison.Ordinal)).ToList();
        Assert.True(adds.Count == 4 && adds[0] == "Outcomes.Parameterized.TestCaseTests.Adds(2,2,5)", order);

        var plainLogs = TestTemp.CreateDirectory("lastfailed-log-").FullName;
        var plain = await MprocTool.RunAsync(
            ["--cores", "1", "--no-timings", "--where", "class != Outcomes.Basic.OrderedTests", TestAssets.OutcomesNUnit4],
            new Dictionary<string, string> { [OutcomesAsset.LogDirectoryVariable] = plainLogs });
        var plainOrder = File.ReadAllLines(Assert.Single(Directory.GetFiles(plainLogs, "*.log"))).Where(l => l.StartsWith("test Outcomes.Parameterized.TestCaseTests.Adds(", StringComparison.Ordinal)).ToList();
        Assert.True(plain.ExitCode == OutcomesAsset.Failed && !plainOrder[0].Contains("Adds(2,2,5)", StringComparison.Ordinal), plain + string.Join('\n', plainOrder));
    }

    [Fact]
    public async Task LastFailed_WithNoFailuresRecorded_RunsEverything_AndSaysSo()
    {
        var timings = Path.Combine(TestTemp.CreateDirectory("lastfailed-").FullName, "timings.json");

        var run = await MprocTool.RunAsync("--cores", "1", "--timings", timings, "--last-failed", TestAssets.OutcomesNUnit4);

        Assert.True(run.ExitCode == OutcomesAsset.Failed, run.ToString());
        Assert.Contains("nunit-mproc: --last-failed: no test failed when it last ran; running all selected tests", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(OutcomesAsset.Total, XDocument.Parse(run.ResultXml).Descendants("test-case").Count());
    }

    private static HashSet<string> FailedNames(MprocResult run) =>
        [.. XDocument.Parse(run.ResultXml).Descendants("test-case").Where(c => (string?)c.Attribute("result") == "Failed").Select(c => (string)c.Attribute("fullname")!)];
}
