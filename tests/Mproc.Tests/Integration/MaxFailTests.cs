using System.Xml.Linq;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>-x / --max-fail on real workers: nothing starts after the limit, the rest is reported as not run in every report.</summary>
public sealed class MaxFailTests
{
    private const string StoppedMessage = "not run: the run stopped after 1 failure (--max-fail)";

    /// <summary>Outcomes.Basic in NUnit's order: OrderedTests (passing) first, then FailingTests.FailsAnAssertion; -x stops right after it.</summary>
    [Theory]
    [InlineData("--cores", "1")]
    [InlineData("--disable-mproc", null)]
    public async Task ExitFirst_OneWorker_NoTestStartsAfterTheFirstFailure_AndTheRestAreSkippedAsNotRun(string mode, string? value)
    {
        var logDirectory = TestTemp.CreateDirectory("maxfail-log-").FullName;
        string[] args = [mode, .. value is null ? Array.Empty<string>() : [value], "-x", "--no-timings", "--junit", "junit.xml", "--trx", "run.trx", "--where", "namespace == Outcomes.Basic", TestAssets.OutcomesNUnit4];

        var run = await MprocTool.RunAsync(args, new Dictionary<string, string> { [OutcomesAsset.LogDirectoryVariable] = logDirectory });

        Assert.True(run.ExitCode == 1, run.ToString());
        var started = StartedTests(logDirectory);
        Assert.Equal(OutcomesAsset.FailingAssertionTest, started[^1]);
        var cases = XDocument.Parse(run.ResultXml).Descendants("test-case").ToList();
        Assert.True(cases.Count > 10, run.ToString());
        var failed = Assert.Single(cases, c => (string?)c.Attribute("result") == "Failed");
        Assert.Equal(OutcomesAsset.FailingAssertionTest, (string?)failed.Attribute("fullname"));
        var ran = cases.Where(c => started.Contains((string)c.Attribute("fullname")!)).ToList();
        Assert.Equal(started.Count, ran.Count);
        Assert.All(ran.Where(c => c != failed), c => Assert.Equal("Passed", (string?)c.Attribute("result")));
        var notRun = cases.Except(ran).ToList();
        Assert.All(notRun, c =>
        {
            Assert.Equal("Skipped", (string?)c.Attribute("result"));
            Assert.Equal(StoppedMessage, c.Element("reason")?.Element("message")?.Value);
        });
        Assert.Contains("Run stopped early (--max-fail): " + notRun.Count + " tests not run", run.Stdout, StringComparison.Ordinal);

        var junit = XDocument.Load(Path.Combine(run.WorkDirectory, "junit.xml")).Root!;
        Assert.Equal(notRun.Count, (int)junit.Attribute("skipped")!);
        Assert.Equal(1, (int)junit.Attribute("failures")! + (int)junit.Attribute("errors")!);
        Assert.Contains(junit.Descendants("skipped"), s => (string?)s.Attribute("message") == StoppedMessage);
        var trx = XDocument.Load(Path.Combine(run.WorkDirectory, "run.trx")).Root!;
        var outcomes = trx.Descendants().Where(e => e.Name.LocalName == "UnitTestResult").Select(e => (string?)e.Attribute("outcome")).ToList();
        Assert.Equal(notRun.Count, outcomes.Count(o => o == "NotExecuted"));
        Assert.Equal(1, outcomes.Count(o => o == "Failed"));
    }

    [Fact]
    public async Task MaxFail_SeveralWorkers_NoTestThatDidNotRunStarted_AndTheRunStopsEarly()
    {
        var logDirectory = TestTemp.CreateDirectory("maxfail-log-").FullName;

        var run = await MprocTool.RunAsync(
            ["--cores", "2", "--max-fail", "2", "--no-timings", TestAssets.OutcomesNUnit4],
            new Dictionary<string, string> { [OutcomesAsset.LogDirectoryVariable] = logDirectory });

        var cases = XDocument.Parse(run.ResultXml).Descendants("test-case").ToList();
        var failedCount = cases.Count(c => (string?)c.Attribute("result") == "Failed");
        Assert.True(run.ExitCode == failedCount && failedCount >= 2, run.ToString());
        var notRun = cases.Where(c => c.Element("reason")?.Element("message")?.Value == "not run: the run stopped after 2 failures (--max-fail)")
            .Select(c => (string)c.Attribute("fullname")!).ToHashSet();
        Assert.NotEmpty(notRun);
        Assert.Equal(OutcomesAsset.Total, cases.Count);
        var started = StartedTests(logDirectory);
        Assert.Empty(started.Intersect(notRun));
        Assert.Contains("Run stopped early (--max-fail)", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The tests that started in any process, from the asset's own log ("test NAME worker=N" lines).</summary>
    private static List<string> StartedTests(string logDirectory) =>
        [.. Directory.GetFiles(logDirectory, "*.log")
            .SelectMany(File.ReadAllLines)
            .Where(l => l.StartsWith("test ", StringComparison.Ordinal))
            .Select(l => l["test ".Length..l.LastIndexOf(" worker=", StringComparison.Ordinal)])];
}
