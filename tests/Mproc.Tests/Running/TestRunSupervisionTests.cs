using Mproc.Tests.Coordinator.Scheduling;
using Mproc.Coordinator.Results;
using Mproc.Coordinator.Running;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Xunit;

namespace Mproc.Tests.Running;

/// <summary>The run's bookkeeping when workers crash or hang, fed with events and a manual clock.</summary>
public sealed class TestRunSupervisionTests
{
    private const int TestCount = 16;
    private const string Secret = "s";
    private readonly ManualTimeProvider _time = new();
    private readonly TestRun _run;
    private readonly List<int> _replacements = [];

    public TestRunSupervisionTests()
    {
        _run = new TestRun(new RunSettings("run", Secret, 2, ["/t/Tests.dll"], string.Empty, 1, []), new EventLog(), _time)
        {
            RestartsLeft = 1,
            TestTimeout = TimeSpan.FromSeconds(2),
        };
        _run.ReplacementNeeded += _replacements.Add;
        Connect(0, 100);
        Connect(1, 101);
    }

    [Fact]
    public void TestRunningPastTheTimeout_IsFailed_AndItsWorkerNamedForKilling()
    {
        var mine = Granted(_run.ClaimNow(0, 0));
        _run.TestStarted(0, mine[0]);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Empty(_run.ExpireHungWorkers());

        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal([100], _run.ExpireHungWorkers());
        Assert.Empty(_run.ExpireHungWorkers());

        var outcome = Outcome(mine[0]);
        Assert.Equal(("Failed", "Error"), (outcome!.Status, outcome.Label));
        Assert.Equal("worker 0 timed out: Ns.F.T0 ran longer than --test-timeout 2 s; the worker was killed", outcome.Message);

        // What the killed worker still says is ignored; its connection's end gets it replaced.
        _run.TestFinished(0, mine[0], Passed());
        Assert.Equal("Failed", Outcome(mine[0])!.Status);
        _run.WorkerEnded(0, "closed its connection");
        Assert.Equal([0], _replacements);
    }

    [Fact]
    public void CrashedWorker_FailsItsRunningTest_KeepsItsFinishedOnes_AndItsReplacementTakesTheRest()
    {
        var mine = Granted(_run.ClaimNow(0, 0));
        Assert.True(mine.Count >= 3);
        _run.TestStarted(0, mine[0]);
        _run.TestFinished(0, mine[0], Passed());
        _run.TestStarted(0, mine[1]);

        _run.WorkerEnded(0, "crashed (exit code 3)");

        Assert.Equal("Passed", Outcome(mine[0])!.Status);
        Assert.Equal("worker 0 crashed (exit code 3) while running Ns.F.T1", Outcome(mine[1])!.Message);
        Assert.Equal([0], _replacements);

        // The replacement is a new NUnit session starting from the first test.
        Connect(0, 102);
        var grant = _run.ClaimNow(0, 0);
        var replacementGets = Granted(grant);
        Assert.Equal(mine[2], replacementGets[0]);
        Assert.DoesNotContain(mine[0], replacementGets);
        Assert.DoesNotContain(mine[1], replacementGets);
        Assert.Contains(mine[0], Ranges(grant.Taken));
        Assert.Contains(mine[1], Ranges(grant.Taken));
    }

    [Fact]
    public void DeathInAOneTimeSetUp_FailsThatSuitesGrantedTests_InsteadOfRequeueingThem()
    {
        var mine = Granted(_run.ClaimNow(0, 0));
        _run.SuiteStarted(0, 0);
        _run.SuiteStarted(0, 1);

        _run.WorkerEnded(0, "crashed (exit code 5)", diedOnItsOwn: true);

        Assert.All(mine, o => Assert.Equal(
            ("Failed", "worker 0 crashed (exit code 5) in the one-time setup of Ns.F, before any of its tests"),
            (Outcome(o)!.Status, Outcome(o)!.Message)));
        Connect(0, 102);
        var replacementGets = Granted(_run.ClaimNow(0, 0));
        Assert.DoesNotContain(mine[0], replacementGets);
        Assert.DoesNotContain(mine[^1], replacementGets);
    }

    [Fact]
    public void DeathAfterASuitesTests_FailsTheSuite_AndRequeuesItsUnrunTests()
    {
        var mine = Granted(_run.ClaimNow(0, 0));
        Assert.True(mine.Count >= 2);
        _run.SuiteStarted(0, 0);
        _run.SuiteStarted(0, 1);
        _run.TestStarted(0, mine[0]);
        _run.TestFinished(0, mine[0], Passed());

        _run.WorkerEnded(0, "crashed (exit code 5)", diedOnItsOwn: true);

        Assert.Equal("Passed", Outcome(mine[0])!.Status);
        Assert.Null(Outcome(mine[1]));
        Assert.Equal(
            ("Failed", "TearDown", "worker 0 crashed (exit code 5) after running tests of Ns.F, outside any test (in its one-time teardown or between its tests)"),
            (SuiteOutcome("Ns.F")!.Status, SuiteOutcome("Ns.F")!.Site, SuiteOutcome("Ns.F")!.Message));
        Connect(0, 102);
        Assert.Equal(mine[1], Granted(_run.ClaimNow(0, 0))[0]);
    }

    [Fact]
    public void AFinishedSuiteIsNotBlamed_TheInnermostOpenOneIs_AndADroppedWorkerBlamesNone()
    {
        var mine = Granted(_run.ClaimNow(0, 0));
        _run.SuiteStarted(0, 0);
        _run.SuiteStarted(0, 1);
        _run.TestStarted(0, mine[0]);
        _run.TestFinished(0, mine[0], Passed());
        _run.SuiteFinished(0, 1, Passed());
        _run.WorkerEnded(0, "crashed (exit code 5)", diedOnItsOwn: true);
        var theirs = Granted(_run.ClaimNow(1, 0));
        _run.SuiteStarted(1, 0);
        _run.SuiteStarted(1, 1);
        _run.WorkerEnded(1, "broke the protocol (garbage)", diedOnItsOwn: false);

        Assert.Equal("Passed", SuiteOutcome("Ns.F")!.Status);
        Assert.Equal("Failed", SuiteOutcome("/t/Tests.dll")!.Status);
        Assert.All(mine.Skip(1).Concat(theirs), o => Assert.Null(Outcome(o)));
    }

    [Fact]
    public void HangInAOneTimeSetUp_FailsThatSuitesGrantedTests_AndTheWorkerIsKilledAndReplaced()
    {
        var mine = Granted(_run.ClaimNow(0, 0));
        _run.SuiteStarted(0, 0);
        _run.SuiteStarted(0, 1);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Empty(_run.ExpireHungWorkers());

        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal([100], _run.ExpireHungWorkers());
        Assert.Empty(_run.ExpireHungWorkers());

        Assert.All(mine, o => Assert.Equal(
            ("Failed", "Parent", "worker 0 timed out in the one-time setup of Ns.F, before any of its tests (nothing happened for longer than --test-timeout 2 s); the worker was killed"),
            (Outcome(o)!.Status, Outcome(o)!.Site, Outcome(o)!.Message)));
        _run.WorkerEnded(0, "closed its connection", diedOnItsOwn: true);
        Assert.Equal([0], _replacements);
        Connect(0, 102);
        Assert.DoesNotContain(mine[0], Granted(_run.ClaimNow(0, 0)));
    }

    [Fact]
    public void HangInAOneTimeTearDown_FailsTheSuite_AndItsUnrunTestsGoToTheReplacement()
    {
        var mine = Granted(_run.ClaimNow(0, 0));
        _run.SuiteStarted(0, 0);
        _run.SuiteStarted(0, 1);
        _run.TestStarted(0, mine[0]);
        _run.TestFinished(0, mine[0], Passed());
        _time.Advance(TimeSpan.FromSeconds(2.1));

        Assert.Equal([100], _run.ExpireHungWorkers());
        _run.WorkerEnded(0, "closed its connection", diedOnItsOwn: true);

        Assert.Equal("Passed", Outcome(mine[0])!.Status);
        Assert.Equal(
            ("Failed", "TearDown", "worker 0 timed out after running tests of Ns.F, outside any test (in its one-time teardown or between its tests) (nothing happened for longer than --test-timeout 2 s); the worker was killed"),
            (SuiteOutcome("Ns.F")!.Status, SuiteOutcome("Ns.F")!.Site, SuiteOutcome("Ns.F")!.Message));
        Connect(0, 102);
        Assert.Equal(mine[1], Granted(_run.ClaimNow(0, 0))[0]);
    }

    [Fact]
    public void SilenceWhileTheCoordinatorOwesTheAnswer_IsNoHang_AndTheClockStartsAgainAfterIt()
    {
        Granted(_run.ClaimNow(0, 0));
        _run.SuiteStarted(0, 0);
        _run.SuiteStarted(0, 1);
        _run.AwaitingCoordinator(0, awaiting: true);
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Empty(_run.ExpireHungWorkers());

        _run.AwaitingCoordinator(0, awaiting: false);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Empty(_run.ExpireHungWorkers());
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal([100], _run.ExpireHungWorkers());
    }

    [Fact]
    public void TestWaitingForTheCoordinator_ItsClockStandsStill_AndRunsOnAfterTheAnswer()
    {
        var mine = Granted(_run.ClaimNow(0, 0));
        _run.TestStarted(0, mine[0]);
        _time.Advance(TimeSpan.FromSeconds(1));
        _run.AwaitingCoordinator(0, awaiting: true);
        _time.Advance(TimeSpan.FromSeconds(60));
        _run.AwaitingCoordinator(0, awaiting: false);

        _time.Advance(TimeSpan.FromSeconds(0.9));
        Assert.Empty(_run.ExpireHungWorkers());
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal([100], _run.ExpireHungWorkers());
    }

    [Fact]
    public void WorkerWithoutSuitesOrTimeout_IsNeverAHang_OnceItsDiscoveryCame()
    {
        _run.TestTimeout = null;
        var mine = Granted(_run.ClaimNow(0, 0));
        _run.SuiteStarted(0, 0);
        _run.TestStarted(0, mine[0]);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(_run.ExpireHungWorkers());
    }

    [Fact]
    public void DiscoveryThatDoesNotCome_IsAHungWorker_ReplacedWhenOthersDiscovered()
    {
        _run.WorkerEnded(1, "closed its connection");
        Assert.Equal([1], _replacements);
        var (reply, _) = _run.Handshake(new Hello(ProtocolConstants.Version, 1, 103, Secret, "10.0"));
        Assert.IsType<Welcome>(reply);
        _time.Advance(_run.DiscoveryTimeout - TimeSpan.FromSeconds(1));
        Assert.Empty(_run.ExpireHungWorkers());

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([103], _run.ExpireHungWorkers());
        Assert.Null(_run.Failure);
    }

    [Fact]
    public void DiscoveryThatComesFromNoWorker_FailsTheRun_NamingTheHang()
    {
        var run = new TestRun(new RunSettings("run", Secret, 2, ["/t/Tests.dll"], string.Empty, 1, []), new EventLog(), _time);
        run.Handshake(new Hello(ProtocolConstants.Version, 0, 200, Secret, "10.0"));
        run.Handshake(new Hello(ProtocolConstants.Version, 1, 201, Secret, "10.0"));
        _time.Advance(run.DiscoveryTimeout);

        Assert.Equal([200, 201], run.ExpireHungWorkers().Order());
        Assert.Equal(-2, run.Failure!.ExitCode);
        Assert.StartsWith("worker 0 sent no discovery within 120 s: loading the test assemblies hangs", run.Failure.Message, StringComparison.Ordinal);
        Assert.True(run.Completion.IsCompleted);
    }

    [Fact]
    public void ResultsMadeForACrashOrATimeout_ShowLive_LikeAnyResult()
    {
        var progress = new List<TestProgressEvent>();
        _run.TestProgress += progress.Add;
        var mine = Granted(_run.ClaimNow(0, 0));
        _run.TestStarted(0, mine[0]);
        _run.WorkerEnded(0, "crashed (exit code 3)", diedOnItsOwn: true);
        var theirs = Granted(_run.ClaimNow(1, 0));
        _run.TestStarted(1, theirs[0]);
        _time.Advance(TimeSpan.FromSeconds(3));
        _run.ExpireHungWorkers();

        var made = progress.Where(p => p.Outcome is not null).ToList();
        Assert.Equal([(0, mine[0], "Failed"), (1, theirs[0], "Failed")], made.Select(p => (p.WorkerId, p.Ordinal, p.Outcome!.Status)));
        Assert.StartsWith("worker 0 crashed (exit code 3) while running", made[0].Outcome!.Message, StringComparison.Ordinal);
        Assert.StartsWith("worker 1 timed out", made[1].Outcome!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WorkerTable_CountsEveryProcessOfASlot_AlsoThoseThatCrashedOrNeverSaidTheyWereDone()
    {
        var mine = Granted(_run.ClaimNow(0, 0));
        _run.TestStarted(0, mine[0]);
        _run.TestFinished(0, mine[0], Passed() with { DurationSeconds = 0.5 });
        _run.TestStarted(0, mine[1]);
        _run.WorkerEnded(0, "crashed (exit code 3)", diedOnItsOwn: true);
        Connect(0, 102);
        var next = Granted(_run.ClaimNow(0, 0));
        _run.TestStarted(0, next[0]);
        _run.TestFinished(0, next[0], Passed() with { DurationSeconds = 0.25 });
        _run.WorkerDone(0, new WorkerDone(1, 0.3));

        var workers = _run.BuildReport(DateTime.UnixEpoch, DateTime.UnixEpoch, string.Empty, string.Empty, null).Workers;

        var slot = workers.Single(w => w.WorkerId == 0);
        Assert.Equal((3, 2, 102), (slot.TestsRun, slot.Processes, slot.ProcessId));
        Assert.Equal(0.5 + 0.3, slot.BusySeconds, 6);
    }

    [Fact]
    public void CrashWithNoRestartLeft_IsNoReplacement_AndMarksTheRunAsExhausted()
    {
        _run.RestartsLeft = 0;
        var mine = Granted(_run.ClaimNow(1, 0));
        _run.TestStarted(1, mine[0]);

        _run.WorkerEnded(1, "crashed (signal SIGKILL, exit code 137)");

        Assert.Empty(_replacements);
        Assert.True(_run.RestartsExhausted);
        Assert.StartsWith("not run: workers crashed or hung more often than --max-worker-restarts 3", _run.NotRunReason(3), StringComparison.Ordinal);
        Assert.Equal((TestCount, 1), _run.Accounting);
    }

    private void Connect(int workerId, int processId)
    {
        var (reply, _) = _run.Handshake(new Hello(ProtocolConstants.Version, workerId, processId, Secret, "10.0"));
        Assert.IsType<Welcome>(reply);
        Assert.IsType<StartRun>(_run.AcceptDiscovery(workerId, Discovery()));
    }

    private TestOutcome? Outcome(int ordinal)
    {
        var report = _run.BuildReport(DateTime.UnixEpoch, DateTime.UnixEpoch, string.Empty, string.Empty, null);
        return Flatten(report.Assemblies[0].Root).Single(n => n.Node.Ordinal == ordinal).Outcome;
    }

    private TestOutcome? SuiteOutcome(string fullName)
    {
        var report = _run.BuildReport(DateTime.UnixEpoch, DateTime.UnixEpoch, string.Empty, string.Empty, null);
        return Flatten(report.Assemblies[0].Root).Single(n => !n.IsTest && n.Node.FullName == fullName).Outcome;
    }

    private static IEnumerable<ResultNode> Flatten(ResultNode node) => node.Children.SelectMany(Flatten).Prepend(node);

    private static List<int> Granted(ClaimGrant grant) => Ranges(grant.Mine);

    private static List<int> Ranges(IReadOnlyList<int> pairs)
    {
        var ordinals = new List<int>();
        for (var i = 0; i + 1 < pairs.Count; i += 2)
        {
            ordinals.AddRange(Enumerable.Range(pairs[i], pairs[i + 1]));
        }

        return ordinals;
    }

    private static TestOutcome Passed() => new("Passed", string.Empty, "Test", null, null, null, 0, 0, 0, 0);

    private static Discovered Discovery()
    {
        var nodes = new List<TestNode>
        {
            new(-1, -1, "0-1", "Assembly", "Tests.dll", "/t/Tests.dll", null, null, "Runnable", 0, []),
            new(0, -1, "0-2", "TestFixture", "F", "Ns.F", "Ns.F", null, "Runnable", 0, []),
        };
        for (var i = 0; i < TestCount; i++)
        {
            nodes.Add(new(1, i, $"0-{i + 3}", "TestMethod", $"T{i}", $"Ns.F.T{i}", "Ns.F", $"T{i}", "Runnable", 0, []));
        }

        return new Discovered([new AssemblyDiscovery("/t/Tests.dll", "4.4.0", null, nodes)]);
    }
}
