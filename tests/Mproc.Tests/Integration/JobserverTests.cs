using System.Diagnostics;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// nunit-mproc under a GNU make jobserver never runs more busy workers than it has job slots,
/// measured from outside with the start and end times each test logs.
/// </summary>
public sealed class JobserverTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task FifoJobserver_OneToken_AtMostTwoTestsAtOnce_AndTheTokenComesBack()
    {
        var directory = TestTemp.CreateDirectory("js-").FullName;
        var fifo = Path.Combine(directory, "jobserver");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync();
        }

        await using var make = new FileStream(File.OpenHandle(fifo, FileMode.Open, FileAccess.ReadWrite), FileAccess.ReadWrite, 1);
        make.WriteByte((byte)'+');
        await make.FlushAsync();
        var log = Path.Combine(directory, "log");
        Directory.CreateDirectory(log);

        var run = await MprocTool.RunAsync(
            ["--cores", "3", "--no-timings", "--jobserver", fifo, TestAssets.SchedulingNUnit4],
            new Dictionary<string, string> { ["MPROC_ASSET_LOG_DIR"] = log });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("GNU make jobserver", run.Stdout, StringComparison.Ordinal);
        Assert.InRange(MaxConcurrent(ReadIntervals(log)), 1, 2);
        var token = new byte[2];
        var read = await make.ReadAsync(token).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, read);
        Assert.Equal((byte)'+', token[0]);
    }

    [Fact]
    public async Task Make43DescriptorJobserver_WithABusyJob_NeverMoreThanTwoJobsAtOnce()
    {
        var directory = TestTemp.CreateDirectory("make-").FullName;
        var log = Path.Combine(directory, "log");
        Directory.CreateDirectory(log);
        var tool = Path.Combine(AppContext.BaseDirectory, "nunit-mproc.dll");
        await File.WriteAllTextAsync(Path.Combine(directory, "Makefile"), string.Join('\n',
            "all: busy tests",
            "busy:",
            $"\t@echo \"test busy worker=-1 start=$$(( $$(date +%s%N) / 100 + 621355968000000000 ))\" > {log}/busy.part; sleep 2; echo \"$$(cat {log}/busy.part) end=$$(( $$(date +%s%N) / 100 + 621355968000000000 ))\" > {log}/busy.log",
            "tests:",
            $"\t+dotnet {tool} --cores 3 --no-timings --no-result {TestAssets.SchedulingNUnit4}",
            string.Empty));
        var info = new ProcessStartInfo("make", ["-j2", "-C", directory, "all"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["MPROC_ASSET_LOG_DIR"] = log;
        info.Environment.Remove("MAKEFLAGS");
        info.Environment.Remove("MFLAGS");
        info.Environment.Remove("CARGO_MAKEFLAGS");
        using var make = Process.Start(info)!;
        var stdout = make.StandardOutput.ReadToEndAsync();
        var stderr = make.StandardError.ReadToEndAsync();
        await make.WaitForExitAsync().WaitAsync(Timeout);
        var output = await stdout + await stderr;

        Assert.True(make.ExitCode == 0, output);
        Assert.Contains("GNU make jobserver", output, StringComparison.Ordinal);
        var intervals = ReadIntervals(log);
        Assert.Contains(intervals, i => i.Name == "busy");
        Assert.InRange(MaxConcurrent(intervals), 1, 2);
    }

    [Fact]
    public async Task UnusableJobserver_GivesANotice_AndTheRunGoesOn()
    {
        var run = await MprocTool.RunAsync(
            ["--cores", "2", "--no-timings", TestAssets.DependencyNUnit4],
            new Dictionary<string, string> { ["MAKEFLAGS"] = " -j4 --jobserver-auth=3,4" });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("nunit-mproc: notice: jobserver descriptors 3,4 (from MAKEFLAGS) cannot be used", run.Stderr, StringComparison.Ordinal);
    }

    private static List<(string Name, long Start, long End)> ReadIntervals(string directory) =>
        [.. TestRunLog.Read(directory).Select(l => (l.Name, l.Start, l.End))];

    private static int MaxConcurrent(List<(string Name, long Start, long End)> intervals)
    {
        var events = intervals.SelectMany(i => new[] { (Time: i.Start, Delta: 1), (Time: i.End, Delta: -1) })
            .OrderBy(e => e.Time).ThenBy(e => e.Delta);
        int current = 0, max = 0;
        foreach (var (_, delta) in events)
        {
            current += delta;
            max = Math.Max(max, current);
        }

        return max;
    }
}
