using System.Xml.Linq;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>--list / --explore print the selected tests in run order and run nothing.</summary>
public sealed class ListTests
{
    private static readonly char[] NewLines = ['\r', '\n'];

    [Fact]
    public async Task List_WithWhere_PrintsOnlyTheSelectedTestsAndRunsNothing()
    {
        var run = await MprocTool.RunAsync("--list", "--where", "class == Outcomes.Basic.FailingTests", TestAssets.OutcomesFor(4));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["Outcomes.Basic.FailingTests.FailsAnAssertion", "Outcomes.Basic.FailingTests.FailsExplicitly", OutcomesAsset.ErrorTest],
            Lines(run.Stdout));
        Assert.False(File.Exists(run.ResultPath));
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task List_WhereFromTheEnvironment_SelectsLikeTheOption()
    {
        var environment = new Dictionary<string, string> { ["MPROC_WHERE"] = "class == Outcomes.Basic.FailingTests", ["MPROC_LIST"] = "true" };
        var run = await MprocTool.RunAsync([TestAssets.OutcomesFor(4)], environment);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, Lines(run.Stdout).Count);
        Assert.All(Lines(run.Stdout), name => Assert.StartsWith("Outcomes.Basic.FailingTests.", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_PrintsEveryTestInTheOrderARunReportsThem()
    {
        var assembly = TestAssets.OutcomesFor(4);
        var listed = await MprocTool.RunAsync("--list", "--seed", "7", "--no-timings", assembly);
        var ran = await MprocTool.RunAsync("--cores", "2", "--seed", "7", "--no-timings", assembly);

        var expected = XDocument.Parse(ran.ResultXml).Descendants("test-case").Select(t => (string)t.Attribute("fullname")!).ToList();
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Equal(OutcomesAsset.Total, expected.Count);
        Assert.Equal(expected, Lines(listed.Stdout));
    }

    [Fact]
    public async Task Explore_InProcess_ListsTheSameTests()
    {
        var run = await MprocTool.RunAsync("--explore", "--disable-mproc", TestAssets.OutcomesFor(4));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(OutcomesAsset.Total, Lines(run.Stdout).Count);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task List_MissingAssembly_IsAnInvalidAssembly()
    {
        var run = await MprocTool.RunAsync("--list", "missing/Nothing.dll");

        Assert.Equal(-2 & 0xFF, run.ExitCode);
        Assert.Empty(run.Stdout);
    }

    private static List<string> Lines(string text) => text.Split(NewLines, StringSplitOptions.RemoveEmptyEntries).ToList();
}
