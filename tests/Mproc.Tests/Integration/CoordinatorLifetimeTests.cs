using System.Xml.Linq;
using Mproc.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Mproc.Tests.Integration;

/// <summary>
/// When the coordinator dies, its workers go too; when it is asked to stop, it stops its workers
/// and still writes what it has.
/// </summary>
public sealed class CoordinatorLifetimeTests(ITestOutputHelper output)
{
    private const int Interrupted = -3;
    private const int SleepyTotal = 200;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A run that ends normally leaves nothing in the temp folder: no run folder, no socket, nothing of its workers' runtimes.</summary>
    [Theory]
    [InlineData("--cores", "2")]
    [InlineData("--disable-mproc", "")]
    public async Task ANormalRun_LeavesNothingInTheTempFolder(string option, string value)
    {
        var temp = TestTemp.CreateDirectory("own-tmp-").FullName;
        string[] args = value.Length > 0 ? [option, value, "--no-result", TestAssets.TrivialNUnit4] : [option, "--no-result", TestAssets.TrivialNUnit4];

        var run = await MprocTool.RunAsync(args, new Dictionary<string, string> { ["TMPDIR"] = temp });

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
    }

    /// <summary>Workers between short tests notice the closed socket; a worker inside a hung test notices its parent is gone.</summary>
    [Theory]
    [InlineData("between short tests")]
    [InlineData("inside a hung test")]
    public async Task CoordinatorKilled_ItsWorkersExitWithinSeconds_AndRemoveItsSocket(string when)
    {
        var hung = when == "inside a hung test";
        using var mproc = hung
            ? MprocProcess.Start(["--cores", "1", "--verbose", "--no-result", CrashyAsset.Path], new Dictionary<string, string> { [CrashyAsset.ModeVariable] = "hang" })
            : MprocProcess.Start(["--cores", "2", "--verbose", "--no-result", TestAssets.SleepyNUnit4]);
        var pipePath = await mproc.WaitForPipePathAsync(StartTimeout);
        var workers = await mproc.WaitForWorkersAsync(hung ? 1 : 2, StartTimeout);
        await mproc.WaitForStderrAsync(new System.Text.RegularExpressions.Regex("claimed at"), workers.Count, StartTimeout);
        await Task.Delay(hung ? 2000 : 500);
        Assert.All(workers, pid => Assert.True(MprocProcess.IsAlive(pid), $"worker {pid} is not running"));

        mproc.Process.Kill();
        var gone = await MprocProcess.WaitUntilGoneAsync(workers, TimeSpan.FromSeconds(10));

        Assert.True(gone is not null, $"workers {string.Join(", ", workers.Where(MprocProcess.IsAlive))} still run 10 s after the coordinator was killed");
        output.WriteLine($"{when}: workers gone {gone!.Value.TotalMilliseconds:0} ms after the coordinator was killed");
        Assert.True(gone.Value < TimeSpan.FromSeconds(5), $"workers took {gone.Value} to exit");
        Assert.False(File.Exists(pipePath), $"stale socket {pipePath}");
        Assert.False(Directory.Exists(Path.GetDirectoryName(pipePath)), $"stale run folder {Path.GetDirectoryName(pipePath)}");

        // The killed coordinator's runtime could not remove its debugger pipes and diagnostics socket; its workers did.
        var coordinator = mproc.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var leftovers = Directory.GetFiles(Path.GetTempPath(), $"clr-debug-pipe-{coordinator}-*")
            .Concat(Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{coordinator}-*"));
        Assert.Empty(leftovers);
    }

    [Fact]
    public async Task Sigterm_StopsTheWorkers_WritesTheResultsSoFar_AndExitsInterrupted()
    {
        using var mproc = MprocProcess.Start(["--cores", "2", "--verbose", TestAssets.SleepyNUnit4]);
        var workers = await mproc.WaitForWorkersAsync(2, StartTimeout);
        await mproc.WaitForStderrAsync(new System.Text.RegularExpressions.Regex("claimed at"), 4, StartTimeout);
        await Task.Delay(1000);

        mproc.Signal("TERM");
        var run = await mproc.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == (Interrupted & 0xFF), run.ToString());
        Assert.NotNull(await MprocProcess.WaitUntilGoneAsync(workers, TimeSpan.FromSeconds(5)));
        Assert.Matches(@"Accounted for: 200 tests, \d+ NUnit results, \d+ cancelled \(interrupted\)", run.Stdout);
        Assert.Contains("Run interrupted:", run.Stdout, StringComparison.Ordinal);

        var document = XDocument.Load(run.ResultPath);
        var cases = document.Descendants("test-case").ToList();
        Assert.Equal(SleepyTotal, cases.Count);
        var passed = cases.Count(c => (string?)c.Attribute("result") == "Passed");
        var cancelled = cases.Count(c => (string?)c.Attribute("label") == "Cancelled");
        output.WriteLine($"interrupted after {passed} passed, {cancelled} cancelled");
        Assert.InRange(passed, 1, SleepyTotal - 1);
        Assert.Equal(SleepyTotal, passed + cancelled);
        Assert.Equal("Cancelled", (string?)document.Root!.Attribute("label"));
    }
}
