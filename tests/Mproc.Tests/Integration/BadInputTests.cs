using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>Bad input gets one clear line on standard error and a documented exit code, never a stack trace.</summary>
public sealed class BadInputTests
{
    private const int InvalidArgument = -1;
    private const int InvalidAssembly = -2;
    private const int DiscoveryMismatch = -6;

    [Fact]
    public async Task MissingFile_IsInvalidAssembly()
    {
        var run = await MprocTool.RunAsync("/no/such/Tests.dll");
        AssertCleanError(run, InvalidAssembly, "file not found: /no/such/Tests.dll");
    }

    [Fact]
    public async Task TextFileNamedDll_IsNotADotNetAssembly()
    {
        var path = TestAssets.CreateNotAnAssembly(TestTemp.CreateDirectory("bad-").FullName);
        var run = await MprocTool.RunAsync(path);
        AssertCleanError(run, InvalidAssembly, "not a .NET assembly");
    }

    [Fact]
    public async Task AssemblyWithoutNUnit_IsNotATestAssembly()
    {
        var run = await MprocTool.RunAsync(TestAssets.NoTests);
        AssertCleanError(run, InvalidAssembly, "not an NUnit test assembly");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("auto*")]
    [InlineData("auto*x")]
    [InlineData("lots")]
    public async Task BadCores_ListsTheValidForms(string cores)
    {
        var run = await MprocTool.RunAsync("--cores", cores, TestAssets.OutcomesFor(4));
        AssertCleanError(run, InvalidArgument, "auto*K");
    }

    [Fact]
    public async Task UnknownOption_IsInvalidArgument()
    {
        var run = await MprocTool.RunAsync("--frobnicate", TestAssets.OutcomesFor(4));
        AssertCleanError(run, InvalidArgument, "--frobnicate");
    }

    [Fact]
    public async Task NoAssembly_IsInvalidArgument()
    {
        var run = await MprocTool.RunAsync("--cores", "2");
        AssertCleanError(run, InvalidArgument, "no test assembly");
    }

    [Fact]
    public async Task BadWhereExpression_IsInvalidArgument()
    {
        var run = await MprocTool.RunAsync("--where", "cat ==", TestAssets.OutcomesFor(4));
        AssertCleanError(run, InvalidArgument, "invalid --where expression");
    }

    [Fact]
    public async Task WorkersDiscoveringDifferentTests_StopTheRunNamingTheDifference()
    {
        var run = await MprocTool.RunAsync("--cores", "2", TestAssets.MismatchNUnit4);
        AssertCleanError(run, DiscoveryMismatch, "FromProcess");
        Assert.False(File.Exists(run.ResultPath));
    }

    [Fact]
    public async Task Help_DescribesOptionsAndExitCodes()
    {
        var run = await MprocTool.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var text in new[] { "--cores", "--disable-mproc", "--where", "--result", "auto*K", "Exit codes" })
        {
            Assert.Contains(text, run.Stdout, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Workers start before the input is checked; bad input must stop them and remove the socket.
    /// The early log lines (kept until the host's logger exists) name both.
    /// </summary>
    [Fact]
    public async Task BadInput_StopsTheWorkersStartedAhead_AndLeavesNoSocket()
    {
        var run = await MprocTool.RunAsync("--verbose", "--cores", "3", "--where", "cat ==", TestAssets.OutcomesFor(4));

        Assert.True(run.ExitCode == (InvalidArgument & 0xFF), run.ToString());
        Assert.Contains("nunit-mproc: error: invalid --where expression", run.Stderr, StringComparison.Ordinal);
        var pids = System.Text.RegularExpressions.Regex.Matches(run.Stderr, @"Worker \d+ started as pid (\d+)")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(3, pids.Count);
        Assert.All(pids, pid => Assert.False(MprocProcess.IsAlive(pid), $"worker pid {pid} outlived the run"));
        var socket = System.Text.RegularExpressions.Regex.Match(run.Stderr, @"Queue server listening on (\S+)");
        Assert.True(socket.Success, run.Stderr);
        Assert.False(File.Exists(socket.Groups[1].Value), $"{socket.Groups[1].Value} was left behind");
    }

    /// <summary>An unwritable result file is found before anything runs: one line, exit code -1, no test run, no file touched.</summary>
    [Theory]
    [InlineData("--result", "folder")]
    [InlineData("--junit", "under a file")]
    [InlineData("--trx", "folder")]
    public async Task UnwritableResultFile_IsInvalidArgument_BeforeAnyTestRuns(string option, string problem)
    {
        var folder = TestTemp.CreateDirectory("out-").FullName;
        var blocker = Path.Combine(folder, "a-file");
        File.WriteAllText(blocker, "in the way\n");
        var path = problem == "folder" ? folder : Path.Combine(blocker, "result.xml");

        var run = await MprocTool.RunAsync("--cores", "2", option, path, TestAssets.OutcomesFor(4));

        AssertCleanError(run, InvalidArgument, Path.GetFullPath(path));
        Assert.DoesNotContain("Test Count", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("in the way\n", File.ReadAllText(blocker));
    }

    private static void AssertCleanError(MprocResult run, int exitCode, string expected)
    {
        Assert.True(run.ExitCode == (exitCode & 0xFF), run.ToString());
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("nunit-mproc: error:", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);

        // One line, as the README promises.
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
