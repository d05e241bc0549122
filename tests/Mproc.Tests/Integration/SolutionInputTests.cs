using System.Xml.Linq;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>A solution, or a folder holding one, given as input: its NUnit test projects run in one pool and one report.</summary>
public sealed class SolutionInputTests : IClassFixture<BuiltSolution>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);
    private readonly BuiltSolution _solution;

    public SolutionInputTests(BuiltSolution solution) => _solution = solution;

    [Fact]
    public async Task Sln_RunsBothTestProjectsInOneReport_AndSkipsTheLibrary()
    {
        var run = await MprocTool.RunAsync(["--cores", "2", "--no-timings", _solution.Sln], timeout: Timeout);

        AssertBothProjectsRan(run);
    }

    [Fact]
    public async Task Slnx_RunsBothTestProjectsInOneReport_AndSkipsTheLibrary()
    {
        var run = await MprocTool.RunAsync(["--cores", "2", "--no-timings", _solution.Slnx], timeout: Timeout);

        AssertBothProjectsRan(run);
    }

    [Fact]
    public async Task FolderHoldingASolution_RunsIt()
    {
        var run = await MprocTool.RunAsync(["--cores", "2", "--no-timings", _solution.SlnxFolder], timeout: Timeout);

        AssertBothProjectsRan(run);
    }

    /// <summary>As dotnet test: no input, and the current folder holds a solution.</summary>
    [Fact]
    public async Task NoInput_InAFolderHoldingASolution_RunsIt()
    {
        var run = await MprocTool.RunAsync(["--cores", "2", "--no-timings"], timeout: Timeout, workingDirectory: _solution.SlnxFolder);

        AssertBothProjectsRan(run);
    }

    private static void AssertBothProjectsRan(MprocResult run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Test Count: 5, Pass: 5", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("nunit-mproc: 2 assemblies", run.Stdout, StringComparison.Ordinal);
        var skipped = Assert.Single(run.Stdout.Split('\n'), l => l.StartsWith("nunit-mproc: skipping", StringComparison.Ordinal));
        Assert.Contains("Lib.csproj: it does not reference NUnit", skipped, StringComparison.Ordinal);
        Assert.Single(run.Stdout.Split('\n'), l => l.StartsWith("nunit-mproc: building", StringComparison.Ordinal));
        var assemblies = XDocument.Load(run.ResultPath).Descendants("test-suite").Where(s => (string?)s.Attribute("type") == "Assembly").Select(s => (string)s.Attribute("name")!);
        Assert.Equal(["A.Tests.dll", "B.Tests.dll"], assemblies.Order(StringComparer.Ordinal));
    }
}
