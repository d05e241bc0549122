using System.Diagnostics;
using System.Runtime.InteropServices;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// nunit-mproc published self-contained (the fast install the README describes, here without its
/// ahead-of-time compilation, which changes no behaviour): the framework's files then sit beside the
/// runner's own dependencies, and a test folder's copy of one of those must still win; started through
/// its own executable with no dotnet host on the PATH, it starts its workers through theirs.
/// </summary>
public sealed class SelfContainedPublishTests : IClassFixture<SelfContainedPublishTests.PublishedTool>
{
    private readonly PublishedTool _tool;

    public SelfContainedPublishTests(PublishedTool tool) => _tool = tool;

    [Fact]
    public async Task TestFoldersOwnCopyOfARunnerDependency_Wins_InWorkersAndInProcess()
    {
        foreach (var mode in new[] { "--cores=2", "--disable-mproc" })
        {
            var (exitCode, output) = await _tool.RunAsync(useDotnetHost: true, mode, "--no-result", "--no-timings", TestAssets.DependencyNUnit4);

            Assert.True(exitCode == 0, $"{mode}: exit {exitCode}\n{output}");
            Assert.Contains("Test Count: 4, Pass: 4, Fail: 0", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StartedThroughItsOwnExecutable_WithoutDotnetOnThePath_RunsItsWorkers()
    {
        var (exitCode, output) = await _tool.RunAsync(useDotnetHost: false, "--cores=2", "--no-result", "--no-timings", TestAssets.DependencyNUnit4);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}");
        Assert.Contains("Test Count: 4, Pass: 4, Fail: 0", output, StringComparison.Ordinal);
        Assert.Contains("2 worker processes", output, StringComparison.Ordinal);
    }

    /// <summary>One self-contained publish of the coordinator for this machine's runtime, for the whole class.</summary>
    public sealed class PublishedTool : IAsyncLifetime
    {
        private readonly string _root = TestTemp.CreateDirectory("selfcontained-").FullName;

        private string Folder => Path.Combine(_root, "tool");

        public async Task InitializeAsync()
        {
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = TestAssets.RepoRoot };
            foreach (var arg in new[]
            {
                "publish", Path.Combine(TestAssets.RepoRoot, "src", "Mproc.Coordinator", "Mproc.Coordinator.csproj"),
                "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained",
                "-p:PublishReadyToRun=false", "--artifacts-path", Path.Combine(_root, "artifacts"), "-o", Folder, "-nologo",
            })
            {
                info.ArgumentList.Add(arg);
            }

            var (exitCode, output) = await RunToEndAsync(info, TimeSpan.FromMinutes(5));
            Assert.True(exitCode == 0, $"dotnet publish failed (exit {exitCode}):\n{output}");
        }

        public Task DisposeAsync()
        {
            Directory.Delete(_root, recursive: true);
            return Task.CompletedTask;
        }

        /// <summary>Runs the published tool in a fresh folder; through <c>dotnet nunit-mproc.dll</c>, or its executable with a PATH without dotnet.</summary>
        public async Task<(int ExitCode, string Output)> RunAsync(bool useDotnetHost, params string[] args)
        {
            var workDirectory = TestTemp.CreateDirectory("it-").FullName;
            var info = new ProcessStartInfo(useDotnetHost ? "dotnet" : Path.Combine(Folder, OperatingSystem.IsWindows() ? "nunit-mproc.exe" : "nunit-mproc"))
            {
                WorkingDirectory = workDirectory,
            };
            if (useDotnetHost)
            {
                info.ArgumentList.Add(Path.Combine(Folder, "nunit-mproc.dll"));
            }
            else
            {
                // No folder with a dotnet host on the PATH: the workers must not need one.
                info.Environment["PATH"] = workDirectory;
                info.Environment.Remove("DOTNET_ROOT");
                info.Environment.Remove("DOTNET_HOST_PATH");
            }

            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            try
            {
                return await RunToEndAsync(info, MprocTool.DefaultTimeout);
            }
            finally
            {
                Directory.Delete(workDirectory, recursive: true);
            }
        }

        private static async Task<(int ExitCode, string Output)> RunToEndAsync(ProcessStartInfo info, TimeSpan timeout)
        {
            var (exitCode, stdout, stderr) = await ChildProcess.RunToEndAsync(info, timeout);
            return (exitCode, stdout + stderr);
        }
    }
}
