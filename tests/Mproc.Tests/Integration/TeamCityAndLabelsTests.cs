using Mproc.Tests.Infrastructure;
using Mproc.Tests.Reporting;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>--teamcity's service messages and --labels' lines, on Options.NUnit4's ShapeTests (one test of each result).</summary>
public sealed class TeamCityAndLabelsTests
{
    private const string Shapes = "class == Options.Shapes.ShapeTests";

    public static TheoryData<string[], Dictionary<string, string>> TeamCityRuns => new()
    {
        { ["--teamcity"], [] },
        { [], new() { ["TEAMCITY_VERSION"] = "2025.11" } },
    };

    [Theory]
    [MemberData(nameof(TeamCityRuns))]
    public async Task TeamCity_ReportsEveryTestsStartOutputAndResult_InAFlowPerWorker(string[] option, Dictionary<string, string> environment)
    {
        var run = await MprocTool.RunAsync(["--cores", "2", "--no-timings", "--where", Shapes, .. option, TestAssets.OptionsNUnit4], environment);

        Assert.True(run.ExitCode == 1, run.ToString());
        var messages = TeamCityServiceMessage.ParseAll(run.Stdout);
        Assert.Equal("testSuiteStarted", messages.First(m => m.Name.StartsWith("test", StringComparison.Ordinal)).Name);
        Assert.Equal("Options.NUnit4.dll", messages.Single(m => m.Name == "testSuiteStarted")["name"]);
        Assert.Equal("testSuiteFinished", messages.Last(m => m.Name.StartsWith("test", StringComparison.Ordinal)).Name);

        var prefix = "Options.Shapes.ShapeTests.";
        List<TeamCityServiceMessage> Of(string test) => [.. messages.Where(m => m.Attributes.TryGetValue("name", out var n) && n == prefix + test)];

        Assert.Equal(["testStarted", "testStdOut", "testFinished"], Of("Passes").Select(m => m.Name));
        Assert.Equal("out |'[x]' ü\nsecond line\n", Of("Passes")[1]["out"].Replace("\r", string.Empty, StringComparison.Ordinal));
        Assert.True(int.Parse(Of("Passes")[2]["duration"], System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.Equal(["testStarted", "testFailed", "testFinished"], Of("Fails").Select(m => m.Name));
        Assert.Equal("boom 'q' [b]", Of("Fails")[1]["message"]);
        Assert.Contains("Fails", Of("Fails")[1]["details"], StringComparison.Ordinal);
        Assert.Equal(["testStarted", "testIgnored"], Of("Ignored").Select(m => m.Name));
        Assert.Equal("not today", Of("Ignored")[1]["message"]);
        Assert.Equal(["testStarted", "testIgnored"], Of("Inconclusive").Select(m => m.Name));
        var live = Of("WritesLive");
        Assert.Contains(live, m => m.Name == "testStdOut" && m["out"] == "live progress");
        Assert.Contains(live, m => m.Name == "testStdErr" && m["out"] == "live error");
        Assert.Equal("testFinished", live[^1].Name);

        // Every test's messages are in one flow, a child of the assembly's, and every flow is finished.
        var suiteFlow = messages.Single(m => m.Name == "testSuiteStarted")["flowId"];
        foreach (var test in new[] { "Passes", "Fails", "Ignored", "Inconclusive", "WritesLive" })
        {
            var flow = Assert.Single(Of(test).Select(m => m["flowId"]).Distinct());
            Assert.Equal(suiteFlow, messages.Single(m => m.Name == "flowStarted" && m["flowId"] == flow)["parent"]);
        }

        Assert.Equal(
            messages.Where(m => m.Name == "flowStarted").Select(m => m["flowId"]).Order(StringComparer.Ordinal),
            messages.Where(m => m.Name == "flowFinished").Select(m => m["flowId"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WithoutTeamCity_NoServiceMessages()
    {
        var run = await MprocTool.RunAsync("--cores", "1", "--no-timings", "--where", Shapes, TestAssets.OptionsNUnit4);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain("##teamcity[", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Before", true, false, false)]
    [InlineData("After", false, true, false)]
    [InlineData("All", true, true, false)]
    [InlineData("On", false, false, true)]
    [InlineData("Off", false, false, false)]
    public async Task Labels_NameTestsAsNUnit3ConsoleDoes(string labels, bool before, bool after, bool onOutputOnly)
    {
        var run = await MprocTool.RunAsync("--cores", "1", "--no-timings", "--where", Shapes, "--labels", labels, TestAssets.OptionsNUnit4);

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        const string Live = "Options.Shapes.ShapeTests.WritesLive";
        Assert.Equal(before || onOutputOnly, lines.Contains($"[worker 0] => {Live}"));
        Assert.Equal(before, lines.Contains("[worker 0] => Options.Shapes.ShapeTests.Passes"));
        Assert.Equal(after, lines.Contains("[worker 0] PASSED => Options.Shapes.ShapeTests.Passes"));
        Assert.Equal(after, lines.Contains("[worker 0] FAILED => Options.Shapes.ShapeTests.Fails"));
        Assert.Equal(after, lines.Contains("[worker 0] IGNORED => Options.Shapes.ShapeTests.Ignored"));
        if (onOutputOnly)
        {
            // The label comes just before the test's first live line.
            Assert.Equal("[worker 0] live progress", lines[lines.IndexOf($"[worker 0] => {Live}") + 1]);
        }
    }
}
