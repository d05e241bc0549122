using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// The packages as a user gets them: the nunit-mproc tool (its pointer package, the ReadyToRun package
/// for this machine's runtime and the portable one), NUnit.Mproc and NUnit.Mproc.GlobalFixtures, packed
/// once into one folder; the tool installed from there into a temporary tool path; a new test project
/// that references the packages from that folder (not the sources) run by the installed tool and by
/// dotnet test, on NUnit 3.14, 4.x and 5.x.
/// </summary>
public sealed class ToolPackageTests : IClassFixture<ToolPackageTests.Packed>
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(8);

    private static readonly string[] ToolFiles =
    [
        "nunit-mproc.dll", "nunit-mproc.runtimeconfig.json", "nunit-mproc.deps.json", "DotnetToolSettings.xml",
        "Mproc.Worker.dll", "Mproc.Worker.runtimeconfig.json", "Mproc.Worker.deps.json", "Mproc.NUnitBridge.dll", "Mproc.Protocol.dll",
    ];

    private readonly Packed _packed;

    public ToolPackageTests(Packed packed) => _packed = packed;

    [Fact]
    public void ToolPackage_PointsToTheRuntimePackages()
    {
        using var zip = ZipFile.OpenRead(_packed.PackagePath("nunit-mproc"));
        var settings = XDocument.Parse(ReadEntry(zip, "tools/any/any/DotnetToolSettings.xml"));
        var rids = settings.Descendants("RuntimeIdentifierPackage").ToDictionary(e => (string)e.Attribute("RuntimeIdentifier")!, e => (string)e.Attribute("Id")!);
        Assert.Equal($"nunit-mproc.{Packed.Rid}", rids[Packed.Rid]);
        Assert.Equal("nunit-mproc.any", rids["any"]);
        Assert.Equal("nunit-mproc", (string)settings.Descendants("Command").Single().Attribute("Name")!);
    }

    [Fact]
    public void RuntimePackage_IsReadyToRun_WorkerIncluded()
    {
        using var zip = ZipFile.OpenRead(_packed.PackagePath($"nunit-mproc.{Packed.Rid}"));
        var folder = $"tools/net10.0/{Packed.Rid}/";
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.All(ToolFiles, f => Assert.Contains(folder + f, names));
        var settings = XDocument.Parse(ReadEntry(zip, folder + "DotnetToolSettings.xml")).Descendants("Command").Single();
        Assert.Equal("executable", (string)settings.Attribute("Runner")!);
        Assert.All(["nunit-mproc.dll", "Mproc.Worker.dll", "Mproc.Protocol.dll"], f => Assert.True(IsReadyToRun(zip, folder + f), $"{f} is not ReadyToRun"));
    }

    [Fact]
    public void PortablePackage_RunsOnTheDotnetHost_JustInTime()
    {
        using var zip = ZipFile.OpenRead(_packed.PackagePath("nunit-mproc.any"));
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.All(ToolFiles, f => Assert.Contains("tools/net10.0/any/" + f, names));
        var settings = XDocument.Parse(ReadEntry(zip, "tools/net10.0/any/DotnetToolSettings.xml")).Descendants("Command").Single();
        Assert.Equal("dotnet", (string)settings.Attribute("Runner")!);
        Assert.False(IsReadyToRun(zip, "tools/net10.0/any/nunit-mproc.dll"));
    }

    [Theory]
    [InlineData("NUnit.Mproc", "Mproc.Plugin")]
    [InlineData("NUnit.Mproc.GlobalFixtures", "Mproc.GlobalFixtures")]
    public void LibraryPackage_HasItsMetadataDocsAndSymbols_AndNoDependency(string id, string assembly)
    {
        using (var zip = ZipFile.OpenRead(_packed.PackagePath(id)))
        {
            var names = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains($"lib/net10.0/{assembly}.dll", names);
            Assert.Contains("README.md", names);
            var docs = XDocument.Parse(ReadEntry(zip, $"lib/net10.0/{assembly}.xml"));
            Assert.NotEmpty(docs.Descendants("member"));

            var nuspec = XDocument.Parse(ReadEntry(zip, $"{id}.nuspec"));
            string Element(string name) => nuspec.Descendants().Single(e => e.Name.LocalName == name).Value;
            Assert.Equal(id, Element("id"));
            Assert.Equal("MIT", Element("license"));
            Assert.Equal("README.md", Element("readme"));
            Assert.Contains("nunit-mproc", Element("tags"), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(Element("description")));
            Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName == "dependency");
        }

        using var symbols = ZipFile.OpenRead(Path.ChangeExtension(_packed.PackagePath(id), ".snupkg"));
        Assert.Contains($"lib/net10.0/{assembly}.pdb", symbols.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void InstalledTool_IsTheRuntimePackage()
    {
        var store = Path.Combine(_packed.Tools, ".store", "nunit-mproc", _packed.Version);
        Assert.True(Directory.Exists(Path.Combine(store, $"nunit-mproc.{Packed.Rid}")), string.Join('\n', Directory.GetDirectories(store)));
        Assert.False(Directory.Exists(Path.Combine(store, "nunit-mproc.any")));
    }

    [Fact]
    public async Task InstalledTool_RunsTheExampleSuite_WithoutDotnetOnThePath()
    {
        var work = TestTemp.CreateDirectory("tool-run-").FullName;

        // The installed command must find the dotnet host for its workers itself: no dotnet on the PATH,
        // no DOTNET_ROOT; its own executable finds the runtime through the variable for its architecture.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = work,
            ["DOTNET_ROOT"] = null,
            ["DOTNET_HOST_PATH"] = null,
            ["DOTNET_ROOT_" + RuntimeInformation.ProcessArchitecture.ToString().ToUpperInvariant()] = root,
        };
        var (exitCode, output) = await RunAsync(_packed.Command, work, environment, "--cores", "2", "--no-timings", TestAssets.ShopTests);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Test Count: 26, Pass: 26", output, StringComparison.Ordinal);
        Assert.Contains("2 worker processes", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(work, "TestResult.xml")), output);
    }

    [Theory]
    [InlineData("3.14.0")]
    [InlineData("4.4.0")]
    [InlineData("5.0.0")]
    public async Task NewTestProject_ReferencingThePackages_RunsUnderTheToolAndDotnetTest(string nunitVersion)
    {
        var project = TestTemp.CreateDirectory("fresh-").FullName;
        _packed.WriteTestProject(project, nunitVersion);
        await RunAsync("dotnet", project, null, "build", "-c", "Release", "--disable-build-servers", "-nologo");
        var assembly = Path.Combine(project, "bin", "Release", "net10.0", "Fresh.Tests.dll");

        var setUps = Path.Combine(project, "setups.log");
        var groupLog = Path.Combine(project, "group.log");
        var environment = new Dictionary<string, string?> { ["FRESH_SETUP_LOG"] = setUps, ["FRESH_GROUP_LOG"] = groupLog, ["FRESH_EXPECT_MPROC"] = "1" };
        var (exitCode, output) = await RunAsync(_packed.Command, project, environment, "--cores", "2", "--no-timings", "--no-result", assembly);
        Assert.True(exitCode == 0, output);
        Assert.Contains($"Test Count: {FreshTests.Count}, Pass: {FreshTests.Count}, Fail: 0", output, StringComparison.Ordinal);
        Assert.Contains("2 worker processes", output, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(setUps));
        Assert.Single(File.ReadAllLines(groupLog).Distinct());

        File.Delete(setUps);
        environment["FRESH_EXPECT_MPROC"] = "0";
        (exitCode, output) = await RunAsync("dotnet", project, environment, "test", "-c", "Release", "--no-build", "--disable-build-servers", "-nologo");
        Assert.True(exitCode == 0, output);
        Assert.Matches($@"Passed: +{FreshTests.Count}\b", output);
        Assert.Single(File.ReadAllLines(setUps));
    }

    private static string ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not in the package: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>Compiled ahead of time: the assembly carries native code (a ReadyToRun header).</summary>
    private static bool IsReadyToRun(ZipArchive zip, string name)
    {
        using var stream = new MemoryStream();
        using (var entry = zip.GetEntry(name)!.Open())
        {
            entry.CopyTo(stream);
        }

        stream.Position = 0;
        using var pe = new PEReader(stream);
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string workDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var (exitCode, stdout, stderr) = await ChildProcess.RunToEndAsync(info, StepTimeout);
        var output = $"{fileName} {string.Join(' ', args)}: exit {exitCode}\n{stdout}\n{stderr}";
        if (fileName == "dotnet")
        {
            Assert.True(exitCode == 0, output);
        }

        return (exitCode, output);
    }

    /// <summary>
    /// Everything packed once, as `dotnet pack` at the repository root does it, for this machine's
    /// runtime only (the root pack makes every runtime's package): the tool into a temporary artifacts
    /// folder, so the build the other tests use is left alone, and the libraries from their build.
    /// Then the tool installed into a temporary tool path. The packages restored by the new test
    /// projects are removed from the global packages folder at the end (each run has its own version).
    /// </summary>
    public sealed class Packed : IAsyncLifetime
    {
        private readonly string _root = TestTemp.CreateDirectory("packages-").FullName;

        public static string Rid { get; } = RuntimeInformation.RuntimeIdentifier;

        public string Version { get; } = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

        public string Packages => Path.Combine(_root, "packages");

        public string Tools => Path.Combine(_root, "tools");

        public string Command => Path.Combine(Tools, OperatingSystem.IsWindows() ? "nunit-mproc.exe" : "nunit-mproc");

        public string PackagePath(string id) => Path.Combine(Packages, $"{id}.{Version}.nupkg");

        public async Task InitializeAsync()
        {
            var src = Path.Combine(TestAssets.RepoRoot, "src");
            foreach (var library in new[] { "Mproc.Plugin", "Mproc.GlobalFixtures" })
            {
                await RunAsync("dotnet", _root, null, "pack", Path.Combine(src, library), "-c", TestAssets.Configuration, "--no-build", "-o", Packages, "-p:Version=" + Version, "--disable-build-servers", "-nologo");
            }

            await RunAsync(
                "dotnet", _root, null, "pack", Path.Combine(src, "Mproc.Coordinator"), "-c", TestAssets.Configuration, "-o", Packages, "-p:Version=" + Version,
                "-p:MprocToolRuntimeIdentifiers=" + Rid, "--artifacts-path", Path.Combine(_root, "artifacts"), "--disable-build-servers", "-nologo");
            await RunAsync("dotnet", _root, null, "tool", "install", "--tool-path", Tools, "--add-source", Packages, "--version", Version, "nunit-mproc");
        }

        public async Task DisposeAsync()
        {
            var (_, output) = await RunAsync("dotnet", _root, null, "nuget", "locals", "global-packages", "--list");
            var globalPackages = output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("global-packages:", StringComparison.Ordinal))["global-packages:".Length..].Trim();
            foreach (var id in new[] { "nunit.mproc", "nunit.mproc.globalfixtures" })
            {
                var restored = Path.Combine(globalPackages, id, Version);
                if (Directory.Exists(restored))
                {
                    Directory.Delete(restored, recursive: true);
                }

                if (Directory.Exists(Path.GetDirectoryName(restored)) && !Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(restored)!).Any())
                {
                    Directory.Delete(Path.GetDirectoryName(restored)!);
                }
            }

            Directory.Delete(_root, recursive: true);
        }

        /// <summary>A test project of its own, with a NuGet.config that adds the packages folder to the machine's sources.</summary>
        public void WriteTestProject(string folder, string nunitVersion)
        {
            var central = XDocument.Load(Path.Combine(TestAssets.RepoRoot, "Directory.Packages.props"));
            string Pinned(string id) => (string)central.Descendants("PackageVersion").Single(p => (string)p.Attribute("Include")! == id).Attribute("Version")!;

            File.WriteAllText(Path.Combine(folder, "Fresh.Tests.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <IsPackable>false</IsPackable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="{Pinned("Microsoft.NET.Test.Sdk")}" />
                    <PackageReference Include="NUnit3TestAdapter" Version="{Pinned("NUnit3TestAdapter")}" />
                    <PackageReference Include="NUnit" Version="{nunitVersion}" />
                    <PackageReference Include="NUnit.Mproc" Version="{Version}" />
                    <PackageReference Include="NUnit.Mproc.GlobalFixtures" Version="{Version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="nunit-mproc" value="{Packages}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(folder, "FreshTests.cs"), FreshTests.Source);
        }
    }

    /// <summary>The new project's tests: every attribute of NUnit.Mproc, MprocWorker, and a global fixture.</summary>
    private static class FreshTests
    {
        public const int Count = 12;

        public const string Source = """
            using Mproc.GlobalFixtures;
            using Mproc.Plugin;
            using NUnit.Framework;

            namespace Fresh.Tests;

            public sealed class Service
            {
                public string Name { get; set; } = "";
            }

            /// <summary>Appends a line per SetUp to FRESH_SETUP_LOG: under nunit-mproc one for the whole run.</summary>
            [GlobalFixture]
            public sealed class SharedService : IGlobalFixture<Service>
            {
                public Service SetUp()
                {
                    File.AppendAllText(Environment.GetEnvironmentVariable("FRESH_SETUP_LOG")!, $"set up in {Environment.ProcessId}\n");
                    return new Service { Name = "shared" };
                }

                public void TearDown(Service value)
                {
                }
            }

            /// <summary>Runs first, in one worker: each test appends its process id to FRESH_GROUP_LOG.</summary>
            [MprocGroup("db", Priority = 1)]
            public class DatabaseTests
            {
                [Test] public void Saves() => Log();
                [Test] public void Loads() => Log();

                private static void Log() =>
                    File.AppendAllText(Environment.GetEnvironmentVariable("FRESH_GROUP_LOG")!, $"{Environment.ProcessId}\n");
            }

            [MprocPriority(1)]
            public class WorkerTests
            {
                [Test]
                public void KnowsItsWorker()
                {
                    Assert.That(MprocWorker.IsMproc, Is.EqualTo(Environment.GetEnvironmentVariable("FRESH_EXPECT_MPROC") == "1"));
                    Assert.That(MprocWorker.Id, Is.InRange(0, MprocWorker.Count - 1));
                    Assert.That(MprocWorker.RunId is not null, Is.EqualTo(MprocWorker.IsMproc));
                }
            }

            public class ServiceTests
            {
                [TestCase(1)] [TestCase(2)] [TestCase(3)] [TestCase(4)] [TestCase(5)]
                [TestCase(6)] [TestCase(7)] [TestCase(8)] [TestCase(9)]
                public void UsesTheSharedService(int n)
                {
                    Assert.That(GlobalFixture.Get<SharedService, Service>().Name, Is.EqualTo("shared"));
                    Assert.That(MprocProperties.DefaultPriority, Is.EqualTo(10));
                }
            }
            """;
    }
}
