using Microsoft.Extensions.Logging.Abstractions;
using Mproc.Coordinator.Distributed;
using Mproc.Tests.Coordinator.Scheduling;
using Mproc.Coordinator.Running;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Xunit;
using static Mproc.Tests.Coordinator.Running.Discoveries;

namespace Mproc.Tests.Coordinator.Running;

/// <summary>A node of a shared build, without processes or a queue: leases in, unit results out.</summary>
public sealed class TestRunSharedTests
{
    private const string Secret = "s3cret";

    private static (TestRun Run, List<int> Replacements) StartedNode(int workers, int tests)
    {
        var run = new TestRun(new RunSettings("run-1", Secret, workers, ["/t/A.dll"], string.Empty, 1234, []) { Shared = true }, NullLogger.Instance);
        var replacements = new List<int>();
        run.ReplacementNeeded += replacements.Add;
        var discovered = new Discovered([Assembly("/t/A.dll", 0, "F:" + string.Join(',', Enumerable.Range(0, tests).Select(i => "T" + i)))]);
        for (var w = 0; w < workers; w++)
        {
            Assert.IsType<Welcome>(run.Handshake(new Hello(ProtocolConstants.Version, w, 1000 + w, Secret, "10.0.0")).Reply);
            Assert.IsType<StartRun>(run.AcceptDiscovery(w, discovered));
        }

        return (run, replacements);
    }

    [Fact]
    public async Task AUnitsResults_AreOfferedOnceAllItsTestsHaveOne_AndLongOutputIsCutForTheBuild()
    {
        var (run, _) = StartedNode(workers: 1, tests: 3);
        var plan = await run.Plan;
        Assert.Equal(3, plan.Units.Count);
        var claim = run.Claim(0, 0);
        Assert.False(claim.IsCompleted);

        run.Leased([0, 2]);

        var grant = await claim;
        // Answered as soon as unit 0 came: nothing before it was taken.
        Assert.Equal([0, 1], grant.Mine);
        Assert.Empty(grant.Taken);
        run.TestStarted(0, 0);
        var output = new string('x', TestRun.SharedOutputLimit + 10);
        run.TestFinished(0, 0, Outcome("Passed") with { Output = output });

        var (unit, results) = Assert.Single(run.TakeUnitsDone("n1", 1));
        Assert.Equal(0, unit);
        var (key, value) = Assert.Single(results);
        Assert.Equal("0", key);
        var stored = BuildRecords.DecodeResult(value);
        Assert.Equal("n1", stored.Node);
        Assert.StartsWith(output[..TestRun.SharedOutputLimit], stored.Outcome!.Output, StringComparison.Ordinal);
        Assert.EndsWith("10 more characters of output were left out of the build's report; node n1's own result file has them all]", stored.Outcome.Output, StringComparison.Ordinal);
        Assert.Empty(run.TakeUnitsDone("n1", 1));
    }

    [Fact]
    public async Task ANodeScopedGroup_IsOneUnit_RunByAnyWorkers_AndOfferedOnceEveryPartHasItsResults()
    {
        var run = new TestRun(new RunSettings("run-1", Secret, 2, ["/t/A.dll"], string.Empty, 1234, []) { Shared = true }, NullLogger.Instance);
        var assembly = Assembly("/t/A.dll", 0, "F:T0,T1", "G:T2", "H:T3");
        string[] cache = [Mproc.Coordinator.Scheduling.WorkPlan.GroupProperty, "cache", Mproc.Coordinator.Scheduling.WorkPlan.GroupScopeProperty, "Node"];
        assembly = WithNode(assembly, 1, assembly.Nodes[1] with { Properties = cache });
        assembly = WithNode(assembly, 6, assembly.Nodes[6] with { Properties = cache });
        for (var w = 0; w < 2; w++)
        {
            run.Handshake(new Hello(ProtocolConstants.Version, w, 1000 + w, Secret, "10.0.0"));
            Assert.IsType<StartRun>(run.AcceptDiscovery(w, new Discovered([assembly])));
        }

        var plan = await run.Plan;
        Assert.Equal([[0, 1, 3], [2]], plan.Units.Select(u => u.Ordinals.ToArray()));

        run.Leased([0]);
        Assert.Equal([0, 1], run.ClaimNow(0, 0).Mine);
        Assert.Equal([1, 1], run.ClaimNow(1, 0).Mine);
        foreach (var (worker, ordinal) in new[] { (0, 0), (1, 1) })
        {
            run.TestStarted(worker, ordinal);
            run.TestFinished(worker, ordinal, Outcome("Passed"));
        }

        Assert.Empty(run.TakeUnitsDone("n1", 1));
        Assert.Equal([3, 1], run.ClaimNow(0, 1).Mine);
        run.TestStarted(0, 3);
        run.TestFinished(0, 3, Outcome("Passed"));

        var (unit, results) = Assert.Single(run.TakeUnitsDone("n1", 1));
        Assert.Equal(0, unit);
        Assert.Equal([("0", 0), ("1", 1), ("3", 0)], results.Select(r => (r.Key, BuildRecords.DecodeResult(r.Value).WorkerId)));
    }

    [Fact]
    public async Task TheRunCompletes_OnlyOnceTheSharedQueueIsDone_AndItsReportHasOnlyThisNodesTests()
    {
        var (run, _) = StartedNode(workers: 1, tests: 3);
        await run.Plan;
        run.Leased([1]);
        var grant = run.ClaimNow(0, 0);
        Assert.Equal([1, 1], grant.Mine);
        run.TestStarted(0, 1);
        run.TestFinished(0, 1, Outcome("Passed"));
        run.AllHandedOut();
        Assert.Empty(run.ClaimNow(0, 2).Mine);
        run.WorkerDone(0, new WorkerDone(1, 0.1));
        run.WorkerEnded(0, "finished");
        Assert.False(run.Completion.IsCompleted);

        run.SharedQueueDone();

        Assert.True(run.Completion.IsCompleted);
        Assert.Equal((1, 1), run.Accounting);
    }

    [Fact]
    public async Task SuitesWhoseTestsAllRanElsewhere_LeaveTheNodesReport()
    {
        var run = new TestRun(new RunSettings("run-1", Secret, 1, ["/t/A.dll"], string.Empty, 1234, []) { Shared = true }, NullLogger.Instance);
        var discovered = new Discovered([Assembly("/t/A.dll", 0, "F:T0,T1", "G:T2")]);
        run.Handshake(new Hello(ProtocolConstants.Version, 0, 1000, Secret, "10.0.0"));
        Assert.IsType<StartRun>(run.AcceptDiscovery(0, discovered));
        await run.Plan;
        run.Leased([2]);
        run.ClaimNow(0, 0);
        run.TestStarted(0, 2);
        run.TestFinished(0, 2, Outcome("Passed"));

        run.SharedQueueDone();

        var report = run.BuildReport(DateTime.UnixEpoch, DateTime.UnixEpoch, "cmd", string.Empty, "not run");
        var names = Flatten(report.Assemblies.Single().Root).Select(n => n.Node.FullName).ToList();
        Assert.DoesNotContain(names, n => n.EndsWith(".F", StringComparison.Ordinal) || n.Contains(".F.", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("T2", StringComparison.Ordinal));
    }

    private static IEnumerable<Mproc.Coordinator.Results.ResultNode> Flatten(Mproc.Coordinator.Results.ResultNode node) =>
        node.Children.SelectMany(Flatten).Prepend(node);

    [Fact]
    public async Task AUnitLeasedAfterTheWorkersEnded_StartsAFreshWorkerInAnIdleSlot()
    {
        var (run, replacements) = StartedNode(workers: 1, tests: 2);
        await run.Plan;
        run.Leased([1]);
        run.ClaimNow(0, 0);
        run.TestStarted(0, 1);
        run.TestFinished(0, 1, Outcome("Passed"));
        run.WorkerDone(0, new WorkerDone(1, 0.1));
        run.WorkerEnded(0, "finished");
        Assert.Empty(replacements);

        // Unit 0 comes back, lost by another node.
        run.Leased([0]);

        Assert.Equal([0], replacements);
        Assert.False(run.Completion.IsCompleted);
    }
}
