using System.Diagnostics;
using System.Xml.Linq;
using Mproc.Coordinator.Input;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// A solution of two NUnit test projects (2 and 3 tests) and a library without tests, built once
/// for the whole class (later builds are incremental), as .sln beside the projects and as .slnx in a
/// folder of its own.
/// </summary>
public sealed class BuiltSolution
{
    public BuiltSolution()
    {
        Root = TestTemp.CreateDirectory("solution-").FullName;
        WriteProject("A.Tests", true, "public class ATests { [Test] public void One() { } [Test] public void Two() { } }");
        WriteProject("B.Tests", true, "public class BTests { [Test] public void One() { } [Test] public void Two() { } [Test] public void Three() { } }");
        WriteProject("Lib", false, "public static class Library { public static int Answer => 42; }");
        SlnxFolder = Path.Combine(Root, "only");
        Dotnet(Root, "new", "sln", "--format", "sln", "-n", "All");
        Dotnet(Root, "sln", "All.sln", "add", "A.Tests/A.Tests.csproj", "B.Tests/B.Tests.csproj", "Lib/Lib.csproj");
        Dotnet(Root, "new", "sln", "--format", "slnx", "-n", "Only", "-o", SlnxFolder);
        Dotnet(SlnxFolder, "sln", "Only.slnx", "add", "../A.Tests/A.Tests.csproj", "../B.Tests/B.Tests.csproj", "../Lib/Lib.csproj");
        Dotnet(Root, "build", "All.sln", "-c", "Release", "-nologo", "-v", "q");
    }

    public string Root { get; }

    /// <summary>Holds only Only.slnx.</summary>
    public string SlnxFolder { get; }

    public string Sln => Path.Combine(Root, "All.sln");

    public string Slnx => Path.Combine(SlnxFolder, "Only.slnx");

    private void WriteProject(string name, bool nunit, string code)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        var package = nunit ? "<ItemGroup><PackageReference Include=\"NUnit\" Version=\"4.4.0\" /></ItemGroup>" : string.Empty;
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally><IsPackable>false</IsPackable><CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              {{package}}
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, name + ".cs"), (nunit ? "using NUnit.Framework;\n" : string.Empty) + $"namespace {name.Replace(".", string.Empty, StringComparison.Ordinal)};\n" + code);
    }

    private static void Dotnet(string folder, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var (exitCode, stdout, stderr) = ChildProcess.RunToEndAsync(info, TimeSpan.FromMinutes(10)).GetAwaiter().GetResult();
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed ({exitCode}):\n{stdout}\n{stderr}");
        }
    }
}

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
