using System.Diagnostics;
using System.IO.Compression;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// The .NET tool package: packed from the already built coordinator (no second build, so this takes
/// a few seconds), installed into a temporary tool path, and its nunit-mproc command runs the example.
/// </summary>
public sealed class ToolPackageTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);

    private static readonly string[] ToolFiles =
    [
        "nunit-mproc.dll", "nunit-mproc.runtimeconfig.json", "nunit-mproc.deps.json", "DotnetToolSettings.xml",
        "Mproc.Worker.dll", "Mproc.Worker.runtimeconfig.json", "Mproc.Worker.deps.json", "Mproc.NUnitBridge.dll", "Mproc.Protocol.dll",
    ];

    [Fact]
    public async Task Pack_InstallAsTool_RunsTheExampleSuite()
    {
        var work = TestTemp.CreateDirectory("tool-").FullName;
        try
        {
            var version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
            var packages = Path.Combine(work, "packages");
            var project = Path.Combine(TestAssets.RepoRoot, "src", "Mproc.Coordinator");
            await RunAsync("dotnet", work, "pack", project, "-c", TestAssets.Configuration, "--no-build", "-o", packages, "-p:Version=" + version, "--nologo");

            var package = Path.Combine(packages, $"nunit-mproc.{version}.nupkg");
            using (var zip = ZipFile.OpenRead(package))
            {
                var names = zip.Entries.Select(e => e.FullName).ToHashSet();
                Assert.All(ToolFiles, f => Assert.Contains($"tools/net10.0/any/{f}", names));
                using var settings = new StreamReader(zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
                Assert.Contains("Name=\"nunit-mproc\"", await settings.ReadToEndAsync(), StringComparison.Ordinal);
            }

            var tools = Path.Combine(work, "tools");
            await RunAsync("dotnet", work, "tool", "install", "--tool-path", tools, "--add-source", packages, "--version", version, "nunit-mproc");

            var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "nunit-mproc.exe" : "nunit-mproc");
            var (exitCode, output) = await RunAsync(command, work, "--cores", "2", "--no-timings", TestAssets.ShopTests);
            Assert.True(exitCode == 0, output);
            Assert.Contains("Test Count: 26, Pass: 26", output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(work, "TestResult.xml")), output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string workDirectory, params string[] args)
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
        var (exitCode, stdout, stderr) = await ChildProcess.RunToEndAsync(info, StepTimeout);
        var output = $"{fileName} {string.Join(' ', args)}: exit {exitCode}\n{stdout}\n{stderr}";
        if (fileName == "dotnet")
        {
            Assert.True(exitCode == 0, output);
        }

        return (exitCode, output);
    }
}
