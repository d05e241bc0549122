using System.Xml.Linq;
using Mproc.Coordinator.Reporting;
using Mproc.Tests.Infrastructure;
using Mproc.Tests.Reporting;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>--junit and --trx on a real run: valid files whose counts match the NUnit3 result of the same run.</summary>
public sealed class ExtraResultFileTests
{
    [Fact]
    public async Task RealRun_JUnitAndTrx_AreValidAndMatchTheNUnit3Counts()
    {
        var run = await MprocTool.RunAsync("--cores", "2", "--junit", "out/junit.xml", "--trx", "out/run.trx", TestAssets.OutcomesFor(4));
        var junitPath = Path.Combine(run.WorkDirectory, "out", "junit.xml");
        var trxPath = Path.Combine(run.WorkDirectory, "out", "run.trx");
        Assert.True(File.Exists(junitPath) && File.Exists(trxPath), run.ToString());
        Assert.Contains("junit.xml", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("run.trx", run.Stdout, StringComparison.Ordinal);

        var nunit = XDocument.Parse(run.ResultXml).Root!;
        int N(string name) => (int)nunit.Attribute(name)!;
        Assert.Equal(OutcomesAsset.Total, N("total"));

        var junitXml = File.ReadAllText(junitPath);
        Assert.Empty(EmbeddedSchema.JUnit.Validate(junitXml));
        var junit = XDocument.Parse(junitXml).Root!;
        int J(string name) => (int)junit.Attribute(name)!;
        Assert.Equal(N("total"), J("tests"));
        Assert.Equal(N("failed"), J("failures") + J("errors"));
        Assert.Equal(OutcomesAsset.Errors, J("errors"));
        Assert.Equal(N("skipped") + N("inconclusive"), J("skipped"));
        Assert.Equal(N("total"), junit.Descendants("testcase").Count());
        Assert.Equal(J("tests"), junit.Elements("testsuite").Sum(s => (int)s.Attribute("tests")!));
        var consoleOut = junit.Descendants("testcase").Single(t =>
            (string?)t.Attribute("classname") + "." + (string?)t.Attribute("name") == OutcomesAsset.ConsoleOutTest);
        Assert.Contains(OutcomesAsset.ConsoleOutLine, consoleOut.Element("system-out")!.Value, StringComparison.Ordinal);

        var trxXml = File.ReadAllText(trxPath);
        Assert.Empty(EmbeddedSchema.Trx.Validate(trxXml.TrimStart('\uFEFF')));
        XNamespace t = TrxWriter.Namespace;
        var counters = XDocument.Parse(trxXml).Descendants(t + "Counters").Single();
        int C(string name) => (int)counters.Attribute(name)!;
        Assert.Equal(N("total"), C("total"));
        Assert.Equal(N("passed"), C("passed"));
        Assert.Equal(N("failed"), C("failed"));
        Assert.Equal(N("inconclusive"), C("inconclusive"));
        Assert.Equal(N("skipped") + N("warnings"), C("notExecuted"));
    }

    /// <summary>On GitHub Actions: a job summary appended to $GITHUB_STEP_SUMMARY and an ::error annotation per failure, on the line of the test's code; none with --no-ci-output.</summary>
    [Fact]
    public async Task GitHubActions_JobSummaryAndAnnotations_PointIntoTheRepository()
    {
        var folder = TestTemp.CreateDirectory("github-").FullName;
        var summaryPath = Path.Combine(folder, "summary.md");
        File.WriteAllText(summaryPath, "earlier step\n");
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_STEP_SUMMARY"] = summaryPath,
            ["GITHUB_WORKSPACE"] = TestAssets.RepoRoot,
        };

        var run = await MprocTool.RunAsync(["--cores", "2", TestAssets.OutcomesFor(4)], environment);

        Assert.True(run.ExitCode == OutcomesAsset.Failed, run.ToString());
        var annotations = run.Stdout.Split('\n').Where(l => l.StartsWith("::error ", StringComparison.Ordinal)).ToList();
        // As the console's errors section lists them: a fixture whose OneTimeSetUp failed once, not each of its tests.
        Assert.True(annotations.Count >= 5, run.Stdout);
        Assert.Contains(annotations, a => a.StartsWith("::error file=tests/TestAssets/Outcomes.Shared/Setup/BrokenOneTimeSetUpFixture.cs,", StringComparison.Ordinal));
        Assert.Contains(annotations, a => a.StartsWith("::error file=tests/TestAssets/Outcomes.Shared/Basic/FailingTests.cs,line=6,title=Outcomes.Basic.FailingTests.FailsAnAssertion::arithmetic is broken", StringComparison.Ordinal));
        var summary = File.ReadAllText(summaryPath);
        Assert.StartsWith("earlier step\n## ❌ nunit-mproc: 43 tests", summary, StringComparison.Ordinal);
        Assert.Contains("Outcomes.Basic.FailingTests.FailsAnAssertion", summary, StringComparison.Ordinal);
        Assert.Contains("### Slowest tests", summary, StringComparison.Ordinal);
        Assert.Contains("### Workers", summary, StringComparison.Ordinal);

        var quiet = await MprocTool.RunAsync(["--cores", "2", "--no-ci-output", TestAssets.OutcomesFor(4)], environment);
        Assert.DoesNotContain("::error", quiet.Stdout, StringComparison.Ordinal);
        Assert.Equal(summary, File.ReadAllText(summaryPath));
    }

    /// <summary>On Azure Pipelines: a task.logissue per failure.</summary>
    [Fact]
    public async Task AzurePipelines_LogIssuePerFailure()
    {
        var environment = new Dictionary<string, string> { ["TF_BUILD"] = "True", ["BUILD_SOURCESDIRECTORY"] = TestAssets.RepoRoot };

        var run = await MprocTool.RunAsync(["--cores", "2", TestAssets.OutcomesFor(4)], environment);

        Assert.Contains("##vso[task.logissue type=error;sourcepath=tests/TestAssets/Outcomes.Shared/Basic/FailingTests.cs;linenumber=6;]Outcomes.Basic.FailingTests.FailsAnAssertion: arithmetic is broken", run.Stdout, StringComparison.Ordinal);
    }
}
