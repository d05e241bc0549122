using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>A test project, or its folder, given instead of a .dll is built in Release and run.</summary>
public sealed class ProjectInputTests
{
    [Fact]
    public async Task ProjectFolder_IsBuiltInReleaseAndRun()
    {
        var folder = Path.Combine(TestAssets.RepoRoot, "examples", "Shop.Tests");

        var run = await MprocTool.RunAsync("--cores", "2", "--no-timings", folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("building", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Shop.Tests.csproj (Release)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Test Count: 26, Pass: 26", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("bin", "Release"), run.ResultXml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FolderWithoutProject_IsAClearError()
    {
        var folder = TestTemp.CreateDirectory("empty-").FullName;

        var run = await MprocTool.RunAsync(folder);

        Assert.True(run.ExitCode == (-2 & 0xFF), run.ToString());
        Assert.Contains("no project file in folder", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectThatDoesNotBuild_IsAClearError()
    {
        var folder = TestTemp.CreateDirectory("broken-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "Broken.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        await File.WriteAllTextAsync(Path.Combine(folder, "Broken.cs"), "this is not C#");

        var run = await MprocTool.RunAsync(Path.Combine(folder, "Broken.csproj"));

        Assert.True(run.ExitCode == (-2 & 0xFF), run.ToString());
        Assert.Contains("building", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("failed", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }
}
