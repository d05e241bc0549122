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

        // dotnet build lists each error twice (as it happens and in its summary): shown once.
        var errors = run.Stderr.Split('\n').Where(l => l.Contains("error CS", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(errors);
        Assert.Equal(errors.Distinct(StringComparer.Ordinal).Count(), errors.Count);
    }

    /// <summary>&lt;TargetFrameworks&gt; with one value is that framework, as dotnet test takes it; --framework names it too.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ProjectWithOneOfTargetFrameworks_IsBuiltForItAndRun(bool namedFramework)
    {
        var project = WriteTestProject("<TargetFrameworks>net10.0</TargetFrameworks>");

        var run = namedFramework
            ? await MprocTool.RunAsync("--cores", "1", "--no-timings", "--framework", "net10.0", project)
            : await MprocTool.RunAsync("--cores", "1", "--no-timings", project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("(Release, net10.0)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Test Count: 2, Pass: 2", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Several target frameworks and no --framework: one clear line naming them, before any build.</summary>
    [Fact]
    public async Task ProjectWithSeveralTargetFrameworks_AsksForOne_WithoutBuilding()
    {
        var project = WriteTestProject("<TargetFrameworks>net10.0;net8.0</TargetFrameworks>");

        var run = await MprocTool.RunAsync(project);

        Assert.True(run.ExitCode == (-2 & 0xFF), run.ToString());
        Assert.Equal($"nunit-mproc: error: {project} targets several frameworks (net10.0, net8.0); choose one with --framework", run.Stderr.Trim());
        Assert.DoesNotContain("building", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A small NUnit 4 test project of two passing tests in a new folder, with the given target framework element.</summary>
    private static string WriteTestProject(string targetFrameworkElement)
    {
        var folder = TestTemp.CreateDirectory("project-").FullName;
        var project = Path.Combine(folder, "Small.Tests.csproj");
        File.WriteAllText(project, $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>{{targetFrameworkElement}}<ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally><IsPackable>false</IsPackable><CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies></PropertyGroup>
              <ItemGroup><PackageReference Include="NUnit" Version="4.4.0" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "SmallTests.cs"), """
            using NUnit.Framework;
            namespace Small;
            public class SmallTests
            {
                [Test] public void One() => Assert.That(1, Is.EqualTo(1));
                [Test] public void Two() => Assert.That(2, Is.EqualTo(2));
            }
            """);
        return project;
    }
}
