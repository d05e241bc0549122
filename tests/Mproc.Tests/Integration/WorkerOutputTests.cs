using System.Text.RegularExpressions;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>Console.Error and TestContext.Progress lines of workers' tests appear live, whole, prefixed with the worker id.</summary>
public sealed class WorkerOutputTests
{
    [Theory]
    [InlineData("--cores", "3")]
    [InlineData("--disable-mproc", "--no-timings")]
    public async Task Run_ErrorAndProgressLines_ArePrintedWholeWithTheWorkerId(string option, string value)
    {
        var run = await MprocTool.RunAsync(option, value, "--no-result", TestAssets.OutcomesFor(4));

        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Single(lines, l => WorkerLine(OutcomesAsset.ConsoleErrorLine).IsMatch(l));
        Assert.Single(lines, l => WorkerLine(OutcomesAsset.ProgressLine).IsMatch(l));
        Assert.DoesNotContain(lines, l => l.StartsWith("[worker", StringComparison.Ordinal) && l.Contains(OutcomesAsset.ConsoleOutLine, StringComparison.Ordinal));
        var summary = lines.FindIndex(l => l.StartsWith("Test Run Summary", StringComparison.Ordinal));
        Assert.True(lines.FindIndex(l => l.Contains(OutcomesAsset.ProgressLine, StringComparison.Ordinal)) < summary, run.ToString());
    }

    [Fact]
    public async Task Run_Failures_ArePrintedAsTheyHappenAndAgainInTheSummary()
    {
        var run = await MprocTool.RunAsync("--cores", "2", "--no-result", TestAssets.OutcomesFor(4));

        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var live = lines.FindIndex(l => l.StartsWith($"FAILED {OutcomesAsset.FailingAssertionTest} (worker ", StringComparison.Ordinal));
        var summary = lines.FindIndex(l => l.Contains($"Failed : {OutcomesAsset.FailingAssertionTest}", StringComparison.Ordinal));
        Assert.True(live >= 0 && summary > live, run.ToString());
        Assert.Equal(OutcomesAsset.Failed, lines.Count(l => l.StartsWith("FAILED ", StringComparison.Ordinal)));
        Assert.DoesNotContain('\u001b', run.Stdout);
    }

    private static Regex WorkerLine(string text) => new($"^\\[worker [0-9]+\\] {Regex.Escape(text)}$");
}
