using Mproc.Coordinator.Input;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>Which solution a folder stands for, as MSBuild decides (its MSB1011 ambiguity rule).</summary>
public sealed class SolutionFolderTests
{
    [Theory]
    [InlineData(new[] { "All.slnx" }, "All.slnx", null)]
    [InlineData(new[] { "All.sln" }, "All.sln", null)]
    [InlineData(new[] { "App.slnx", "App.csproj" }, "App.slnx", null)]
    [InlineData(new[] { "App.csproj" }, null, null)]
    [InlineData(new[] { "A.sln", "B.slnx" }, null, "more than one solution file in folder")]
    [InlineData(new[] { "All.sln", "App.csproj" }, null, "holds a solution and a project file")]
    [InlineData(new[] { "All.sln", "App.csproj", "All.csproj" }, null, "holds a solution and a project file")]
    public void Find_FollowsMSBuildsRule(string[] files, string? solution, string? error)
    {
        var folder = TestTemp.CreateDirectory("find-").FullName;
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(folder, file), string.Empty);
        }

        var found = SolutionInput.Find(folder);

        Assert.Equal(solution is null ? null : Path.Combine(folder, solution), found.Solution);
        if (error is null)
        {
            Assert.Null(found.Error);
        }
        else
        {
            Assert.Contains(error, found.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AmbiguousFolder_IsOneErrorLine_BeforeAnyBuild()
    {
        var folder = TestTemp.CreateDirectory("ambiguous-").FullName;
        File.WriteAllText(Path.Combine(folder, "A.sln"), string.Empty);
        File.WriteAllText(Path.Combine(folder, "B.slnx"), string.Empty);

        var run = await MprocTool.RunAsync(folder);

        Assert.True(run.ExitCode == (-2 & 0xFF), run.ToString());
        Assert.Contains("more than one solution file in folder", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("building", run.Stdout, StringComparison.Ordinal);
    }
}
