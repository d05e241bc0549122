using System.Diagnostics;
using Mproc.Tests.Infrastructure;

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
