using System.Xml.Linq;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>[MprocGroup], [MprocPriority] and timings, observed on real workers through the tests' own logs.</summary>
public sealed class SchedulingTests
{
    private const int SchedulingTestCount = 41;

    [Fact]
    public async Task GroupMembers_RunSeriallyInOneWorker()
    {
        var (run, log) = await RunLoggedAsync("--cores", "3", "--no-timings", TestAssets.SchedulingNUnit4);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(SchedulingTestCount, log.Count);
        AssertOneWorkerNoOverlap(log.Where(l => l.Name.Contains(".OrderRepositoryTests.", StringComparison.Ordinal) || l.Name.Contains(".CustomerRepositoryTests.", StringComparison.Ordinal)).ToList(), 7);
        AssertOneWorkerNoOverlap(log.Where(l => l.Name.EndsWith("SharedFile", StringComparison.Ordinal)).ToList(), 2);
    }

    [Fact]
    public async Task NodeGroupMembers_SpreadOverWorkers_WhileAWorkerGroupStaysInOne()
    {
        var meeting = TestTemp.CreateDirectory("meet-").FullName;
        var (run, log) = await RunLoggedAsync(new Dictionary<string, string> { ["MPROC_ASSET_MEET_DIR"] = meeting }, "--cores", "3", "--no-timings", TestAssets.SchedulingNUnit4);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(SchedulingTestCount, log.Count);
        var cache = log.Where(l => l.Name.StartsWith("Scheduling.NodeGrouped.Cache", StringComparison.Ordinal) || l.Name.EndsWith(".Warms", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, cache.Count);
        Assert.Equal(7, cache.Select(l => l.Name).Distinct().Count());
        Assert.True(cache.Select(l => l.Pid).Distinct().Count() >= 2, string.Join("\n", cache));
        AssertOneWorkerNoOverlap(log.Where(l => l.Name.Contains(".OrderRepositoryTests.", StringComparison.Ordinal) || l.Name.Contains(".CustomerRepositoryTests.", StringComparison.Ordinal)).ToList(), 7);
    }

    [Fact]
    public async Task NodeGroup_KeepsItsGroupsPriority_AndWhereSelectsItByScope()
    {
        var (run, log) = await RunLoggedAsync("--cores", "1", "--no-timings", "--where", "MprocGroupScope == Node || namespace == Scheduling.Prioritized", TestAssets.SchedulingNUnit4);

        Assert.True(run.ExitCode == 0, run.ToString());
        var order = log.OrderBy(l => l.Start).Select(l => l.Name[(l.Name.LastIndexOf('.', l.Name.LastIndexOf('.') - 1) + 1)..]).ToList();
        Assert.Equal(14, order.Count);
        Assert.Equal("BLateTests.One", order[6]);
        Assert.All(order.Skip(7), name => Assert.StartsWith("Cache", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Priorities_RunLowerFirst()
    {
        var (run, log) = await RunLoggedAsync("--cores", "1", "--no-timings", "--where", "namespace == Scheduling.Prioritized", TestAssets.SchedulingNUnit4);

        Assert.True(run.ExitCode == 0, run.ToString());
        var order = log.OrderBy(l => l.Start).Select(l => l.Name[(l.Name.LastIndexOf('.', l.Name.LastIndexOf('.') - 1) + 1)..]).ToList();
        Assert.Equal(["ZUrgentTests.One", "ZUrgentTests.Two", "MixedTests.Important", "MixedTests.Ordinary", "AAlphabeticallyFirstTests.One", "AAlphabeticallyFirstTests.Two", "BLateTests.One"], order);
    }

    [Fact]
    public async Task GroupPriority_PlacesTheWholeGroup_AheadOfPrioritiesAndNames()
    {
        var (run, log) = await RunLoggedAsync("--cores", "1", "--no-timings", "--where", "namespace == Scheduling.GroupPriority", TestAssets.SchedulingNUnit4);

        Assert.True(run.ExitCode == 0, run.ToString());
        var order = log.OrderBy(l => l.Start).Select(l => l.Name[(l.Name.LastIndexOf('.', l.Name.LastIndexOf('.') - 1) + 1)..]).ToList();
        Assert.Equal(["YQueueWriterTests.Writes", "ZQueueReaderTests.Reads", "ZQueueReaderTests.Independent", "AFirstByNameTests.One", "AFirstByNameTests.Two", "BLateGroupTests.One"], order);
    }

    [Fact]
    public async Task GroupPriority_TheGroupIsClaimedFirst_ByOneWorker()
    {
        var (run, log) = await RunLoggedAsync("--cores", "2", "--no-timings", "--where", "namespace == Scheduling.GroupPriority", TestAssets.SchedulingNUnit4);

        Assert.True(run.ExitCode == 0, run.ToString());
        var queue = log.Where(l => l.Name.EndsWith(".YQueueWriterTests.Writes", StringComparison.Ordinal) || l.Name.EndsWith(".ZQueueReaderTests.Reads", StringComparison.Ordinal)).ToList();
        AssertOneWorkerNoOverlap(queue, 2);
        var firstOfItsWorker = log.Where(l => l.Pid == queue[0].Pid).OrderBy(l => l.Start).First();
        Assert.EndsWith(".YQueueWriterTests.Writes", firstOfItsWorker.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timings_PutTheLongestWorkFirst_OnTheNextRun()
    {
        var timings = Path.Combine(TestTemp.CreateDirectory("timings-").FullName, "t.json");
        string[] args = ["--cores", "1", "--timings", timings, "--where", "namespace == Scheduling.Durations", TestAssets.SchedulingNUnit4];

        var (first, firstLog) = await RunLoggedAsync(args);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.StartsWith("Scheduling.Durations.AShortTests.", firstLog.OrderBy(l => l.Start).First().Name, StringComparison.Ordinal);
        Assert.Contains("Scheduling.Durations.BLongTests.Slow1", File.ReadAllText(timings), StringComparison.Ordinal);

        var (second, secondLog) = await RunLoggedAsync(args);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.StartsWith("Scheduling.Durations.BLongTests.", secondLog.OrderBy(l => l.Start).First().Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes: not JSON at all\n")]
    [InlineData("{ \"name\": \"a package.json, say\" }\n")]
    public async Task TimingsFileThatIsNotOurs_IsReadAsNoHistory_AndLeftAsItIs(string content)
    {
        var timings = Path.Combine(TestTemp.CreateDirectory("timings-").FullName, "t.json");
        File.WriteAllText(timings, content);

        var run = await MprocTool.RunAsync("--cores", "1", "--timings", timings, "--where", "namespace == Scheduling.Durations", TestAssets.SchedulingNUnit4);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"ignoring timings file {timings}", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("it is left as it is", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(timings));
    }

    [Fact]
    public async Task NoTimings_WritesNoTimingsFile()
    {
        var run = await MprocTool.RunAsync("--cores", "2", "--no-timings", TestAssets.SchedulingNUnit4);

        Assert.Equal(0, run.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(run.WorkDirectory, ".mproc")));
    }

    [Fact]
    public async Task DefaultTimingsFile_IsWrittenInTheWorkingDirectory()
    {
        var run = await MprocTool.RunAsync("--cores", "2", TestAssets.SchedulingNUnit4);

        Assert.Equal(0, run.ExitCode);
        var json = File.ReadAllText(Path.Combine(run.WorkDirectory, ".mproc", "timings.json"));
        Assert.Contains("\"Scheduling.NUnit4.dll\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhereMprocGroup_SelectsTheGroup()
    {
        var run = await MprocTool.RunAsync("--cores", "2", "--where", "MprocGroup == db", TestAssets.SchedulingNUnit4);

        Assert.Equal(0, run.ExitCode);
        var names = XDocument.Load(run.ResultPath).Descendants("test-case").Select(t => (string)t.Attribute("fullname")!).ToList();
        Assert.Equal(7, names.Count);
        Assert.All(names, n => Assert.Contains("RepositoryTests", n, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TestInTwoGroups_IsAnErrorBeforeAnythingRuns()
    {
        var run = await MprocTool.RunAsync("--cores", "2", TestAssets.GroupConflictNUnit4);

        Assert.True(run.ExitCode == (-2 & 0xFF), run.ToString());
        Assert.Contains("GroupConflict.ConflictingTests.InDbAndFiles is in more than one MprocGroup", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(run.ResultPath));
    }

    [Fact]
    public async Task GroupWithTwoScopes_IsAnErrorBeforeAnythingRuns()
    {
        var run = await MprocTool.RunAsync("--cores", "2", "--where", "namespace == GroupConflict.Scopes", TestAssets.GroupConflictNUnit4);

        Assert.True(run.ExitCode == (-2 & 0xFF), run.ToString());
        Assert.Contains("MprocGroup 'cache' is declared with two scopes (Worker on GroupConflict.Scopes.CacheReaderTests.Reads, Node on GroupConflict.Scopes.CacheTests)", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(run.ResultPath));
    }

    [Fact]
    public async Task Durations_PrintsTheSlowestTestsFixturesAndGroups()
    {
        var run = await MprocTool.RunAsync("--cores", "2", "--durations", "2", "--no-timings", TestAssets.SchedulingNUnit4);

        Assert.Equal(0, run.ExitCode);
        var slowest = run.Stdout[run.Stdout.IndexOf("Slowest 2 tests", StringComparison.Ordinal)..];
        var lines = slowest.Split('\n').Skip(1).Take(2).ToList();
        Assert.All(lines, l => Assert.Contains("Scheduling.Durations.BLongTests.Slow", l, StringComparison.Ordinal));
        var fixtures = run.Stdout[run.Stdout.IndexOf("Slowest 2 fixtures", StringComparison.Ordinal)..].Split('\n').Skip(1).Take(2).ToList();
        Assert.Contains(fixtures, l => l.EndsWith(" Scheduling.Durations.BLongTests (2 tests)", StringComparison.Ordinal));
        Assert.Contains("db (7 tests)", run.Stdout, StringComparison.Ordinal);
    }

    private static void AssertOneWorkerNoOverlap(List<TestRunLog> group, int expectedCount)
    {
        Assert.Equal(expectedCount, group.Count);
        Assert.Single(group.Select(l => l.Pid).Distinct());
        Assert.Single(group.Select(l => l.Worker).Distinct());
        var ordered = group.OrderBy(l => l.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].Start >= ordered[i - 1].End, $"{ordered[i].Name} started before {ordered[i - 1].Name} ended");
        }
    }

    private static Task<(MprocResult Run, List<TestRunLog> Log)> RunLoggedAsync(params string[] args) => RunLoggedAsync([], args);

    private static async Task<(MprocResult Run, List<TestRunLog> Log)> RunLoggedAsync(Dictionary<string, string> environment, params string[] args)
    {
        var directory = TestTemp.CreateDirectory("log-").FullName;
        var run = await MprocTool.RunAsync(args, new Dictionary<string, string>(environment) { ["MPROC_ASSET_LOG_DIR"] = directory });
        var log = TestRunLog.Read(directory);
        return (run, log);
    }
}
