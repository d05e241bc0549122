using System.Globalization;
using System.Text.RegularExpressions;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>MPROC_TRACE=FILE: the coordinator and every worker append their milestones to one file.</summary>
public sealed partial class RunTraceTests
{
    [GeneratedRegex(@"^(\d\d:\d\d:\d\d\.\d\d\d) pid=(\d+) cpu_ms=(\d+) gc=(\d+/\d+/\d+) gc_pause_ms=(\d+) jit=(\d+) jit_ms=(\d+) (?<milestone>.+)$")]
    private static partial Regex TraceLine();

    [Fact]
    public async Task Trace_HasEveryProcesssMilestones()
    {
        var trace = Path.Combine(TestTemp.CreateDirectory("trace-").FullName, "trace.txt");

        var run = await MprocTool.RunAsync(
            ["--cores", "2", "--no-result", TestAssets.OutcomesFor(4)],
            new Dictionary<string, string> { ["MPROC_TRACE"] = trace });

        Assert.True(run.ExitCode == OutcomesAsset.Failed, run.ToString());
        var lines = File.ReadAllLines(trace).Select(l => TraceLine().Match(l)).ToList();
        Assert.All(lines, m => Assert.True(m.Success, m.Value));
        var byProcess = lines
            .GroupBy(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.ToList());
        var coordinator = byProcess[int.Parse(lines[0].Groups[2].Value, CultureInfo.InvariantCulture)];
        Assert.Equal(
            ["coordinator started", "workers started", "host started", "input checked", "run completed", "reported"],
            coordinator.Select(m => m.Groups["milestone"].Value).Where(e => !e.StartsWith("discovery", StringComparison.Ordinal)));
        Assert.Contains("discovery of worker 0 accepted", coordinator.Select(m => m.Groups["milestone"].Value));
        Assert.Contains("discovery of worker 1 accepted", coordinator.Select(m => m.Groups["milestone"].Value));

        var workers = byProcess.Values.Where(p => p != coordinator).ToList();
        Assert.Equal(2, workers.Count);
        foreach (var worker in workers)
        {
            var events = worker.Select(m => m.Groups["milestone"].Value).ToList();
            Assert.Equal("worker started", events[0]);
            Assert.Equal("worker ran its tests", events[^1]);
            foreach (var milestone in new[] { "worker connected", "NUnit loaded the test assembly", "tests selected and ordered", "worker sent its discovery" })
            {
                Assert.Contains(milestone, events);
            }
        }

    }
}
