using Microsoft.Extensions.Logging.Abstractions;
using Mproc.Tests.Coordinator.Scheduling;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Results;
using Mproc.Coordinator.Running;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Xunit;
using static Mproc.Tests.Coordinator.Running.Discoveries;

namespace Mproc.Tests.Coordinator.Running;

public sealed class TestRunTests
{
    private const string Secret = "s3cret";

    private static Discovered Tests(int count) =>
        new([Assembly("/t/A.dll", 0, "F:" + string.Join(',', Enumerable.Range(0, count).Select(i => "T" + i)))]);

    private static TestRun NewRun(int workers = 2, string filterXml = "") =>
        new(new RunSettings("run-1", Secret, workers, ["/t/A.dll"], filterXml, 1234, []), NullLogger.Instance);

    private static Hello Hello(int workerId, string secret = Secret, int version = ProtocolConstants.Version) =>
        new(version, workerId, 1000 + workerId, secret, "10.0.0");

    /// <summary>A run whose workers all connected and matched <paramref name="discovered"/>.</summary>
    private static TestRun StartedRun(int workers, Discovered discovered)
    {
        var run = NewRun(workers);
        for (var w = 0; w < workers; w++)
        {
            Assert.IsType<Welcome>(run.Handshake(Hello(w)).Reply);
            Assert.IsType<StartRun>(run.AcceptDiscovery(w, discovered));
        }

        return run;
    }

    private static ResultNode TestNode(TestRun run, string fullName)
    {
        var report = run.BuildReport(DateTime.UnixEpoch, DateTime.UnixEpoch, "cmd", string.Empty, notRunReason: null);
        return report.Assemblies.SelectMany(a => Flatten(a.Root)).Single(n => n.Node.FullName == fullName);
    }

    private static IEnumerable<ResultNode> Flatten(ResultNode node) => node.Children.SelectMany(Flatten).Prepend(node);

    private static byte[] Encoded(IMessage message)
    {
        var body = new System.Buffers.ArrayBufferWriter<byte>();
        Mproc.Protocol.Transport.MessageSerializer.Encode(message, body);
        return body.WrittenSpan.ToArray();
    }

    [Fact]
    public async Task AcceptDiscoveryAsync_OfTheReferencesBytes_OrOfTheSameTestsOtherwiseEncoded_Starts()
    {
        var run = NewRun(workers: 3);
        for (var w = 0; w < 3; w++)
        {
            run.Handshake(Hello(w));
        }

        var reference = Tests(3);
        var sameTestsOtherIds = new Discovered([reference.Assemblies[0] with { Nodes = [.. reference.Assemblies[0].Nodes.Select(n => n with { Id = "x" + n.Id })] }]);

        Assert.IsType<StartRun>(await run.AcceptDiscoveryAsync(0, Encoded(reference), CancellationToken.None));
        Assert.IsType<StartRun>(await run.AcceptDiscoveryAsync(1, Encoded(reference), CancellationToken.None));
        Assert.IsType<StartRun>(await run.AcceptDiscoveryAsync(2, Encoded(sameTestsOtherIds), CancellationToken.None));
        Assert.Equal((0, 3, 0), run.Progress);
    }

    [Fact]
    public async Task AcceptDiscoveryAsync_OfOtherTests_AbortsNamingTheDifference()
    {
        var run = NewRun();
        run.Handshake(Hello(0));
        run.Handshake(Hello(1));

        Assert.IsType<StartRun>(await run.AcceptDiscoveryAsync(0, Encoded(Tests(3)), CancellationToken.None));
        var abort = Assert.IsType<AbortRun>(await run.AcceptDiscoveryAsync(1, Encoded(Tests(4)), CancellationToken.None));

        Assert.Contains("workers discovered different tests", abort.Reason, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.DiscoveryMismatch, run.Failure!.ExitCode);
    }

    [Fact]
    public async Task AcceptDiscoveryAsync_AtTheSameTime_TakesOneReference_AndStartsBoth()
    {
        var run = NewRun();
        run.Handshake(Hello(0));
        run.Handshake(Hello(1));
        var body = Encoded(Tests(500));

        var verdicts = await Task.WhenAll(
            Task.Run(() => run.AcceptDiscoveryAsync(0, body, CancellationToken.None)),
            Task.Run(() => run.AcceptDiscoveryAsync(1, body.ToArray(), CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(verdicts, v => Assert.IsType<StartRun>(v));
        Assert.Equal((0, 500, 0), run.Progress);
    }

    [Fact]
    public async Task AcceptDiscoveryAsync_WhenTheFirstBodyDoesNotDecode_TheNextBecomesTheReference()
    {
        var run = NewRun();
        run.Handshake(Hello(0));
        run.Handshake(Hello(1));

        await Assert.ThrowsAsync<ProtocolException>(() => run.AcceptDiscoveryAsync(0, [0xC1], CancellationToken.None));
        Assert.IsType<StartRun>(await run.AcceptDiscoveryAsync(1, Encoded(Tests(2)), CancellationToken.None));
        Assert.Equal((0, 2, 0), run.Progress);
    }

    [Fact]
    public void Handshake_ExpectedWorker_IsWelcomedWithTheRunSettings()
    {
        var run = NewRun();

        var (reply, claimant) = run.Handshake(Hello(1));

        var welcome = Assert.IsType<Welcome>(reply);
        Assert.Equal((ProtocolConstants.Version, "run-1", 2, "", 1234), (welcome.ProtocolVersion, welcome.RunId, welcome.WorkerCount, welcome.FilterXml, welcome.RandomSeed));
        Assert.Equal(["/t/A.dll"], welcome.Assemblies);
        Assert.Equal(0, claimant);
        Assert.Equal(1, run.Handshake(Hello(0)).Claimant);
    }

    [Fact]
    public void Handshake_WrongSecret_IsRejected()
    {
        var (reply, claimant) = NewRun().Handshake(Hello(0, secret: "guess"));

        Assert.Contains("secret", Assert.IsType<Rejected>(reply).Reason, StringComparison.Ordinal);
        Assert.Equal(-1, claimant);
    }

    [Fact]
    public void Handshake_WrongProtocolVersion_IsRejected()
    {
        var (reply, claimant) = NewRun().Handshake(Hello(0, version: ProtocolConstants.Version + 1));

        Assert.Contains($"protocol version {ProtocolConstants.Version + 1}", Assert.IsType<Rejected>(reply).Reason, StringComparison.Ordinal);
        Assert.Equal(-1, claimant);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(99)]
    public void Handshake_WorkerIdOutOfRange_IsRejected(int workerId)
    {
        var (reply, _) = NewRun(workers: 2).Handshake(Hello(workerId));

        Assert.Contains($"worker id {workerId}", Assert.IsType<Rejected>(reply).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Handshake_WorkerIdAlreadyConnected_IsRejected()
    {
        var run = NewRun();
        run.Handshake(Hello(0));

        var (reply, claimant) = run.Handshake(Hello(0));

        Assert.IsType<Rejected>(reply);
        Assert.Equal(-1, claimant);
    }

    [Fact]
    public void AcceptDiscovery_First_SetsTheReference()
    {
        var run = NewRun();
        run.Handshake(Hello(0));

        Assert.IsType<StartRun>(run.AcceptDiscovery(0, Tests(5)));

        Assert.Equal((0, 5, 0), run.Progress);
        Assert.Null(run.Failure);
        Assert.False(run.Completion.IsCompleted);
    }

    [Fact]
    public void AcceptDiscovery_SecondDiffers_AbortsWithDiscoveryMismatch()
    {
        var run = NewRun();
        run.Handshake(Hello(0));
        run.Handshake(Hello(1));
        run.AcceptDiscovery(0, Tests(3));

        var verdict = run.AcceptDiscovery(1, Tests(4));

        var abort = Assert.IsType<AbortRun>(verdict);
        Assert.NotNull(run.Failure);
        Assert.Equal(ExitCodes.DiscoveryMismatch, run.Failure.ExitCode);
        Assert.Equal(-6, run.Failure.ExitCode);
        Assert.Contains("NS.F.T3", abort.Reason, StringComparison.Ordinal);
        Assert.Equal(run.Failure.Message, abort.Reason);
        Assert.True(run.Completion.IsCompleted);
    }

    [Fact]
    public void AcceptDiscovery_AfterFailure_AbortsAndClaimsGetNothing()
    {
        var run = NewRun();
        run.Handshake(Hello(0));
        run.Handshake(Hello(1));
        run.AcceptDiscovery(0, Tests(3));
        run.AcceptDiscovery(1, Tests(4));

        Assert.IsType<AbortRun>(run.AcceptDiscovery(0, Tests(3)));
        var grant = run.ClaimNow(0, 0);
        Assert.Empty(grant.Mine);
        Assert.True(grant.QueueEmpty);
    }

    [Fact]
    public void AcceptDiscovery_AssemblyWithError_FailsAsInvalidAssembly()
    {
        var run = NewRun();
        run.Handshake(Hello(0));

        var verdict = run.AcceptDiscovery(0, new Discovered([new AssemblyDiscovery("/t/A.dll", "", "FileNotFoundException: gone", [])]));

        Assert.Contains("FileNotFoundException: gone", Assert.IsType<AbortRun>(verdict).Reason, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidAssembly, run.Failure!.ExitCode);
        Assert.True(run.Completion.IsCompleted);
    }

    [Fact]
    public void AcceptDiscovery_NoTestsWithoutFilter_FailsAsInvalidAssembly()
    {
        var run = NewRun();
        run.Handshake(Hello(0));

        var verdict = run.AcceptDiscovery(0, new Discovered([Assembly("/t/A.dll", 0, "F:")]));

        Assert.Contains("no NUnit tests found in /t/A.dll", Assert.IsType<AbortRun>(verdict).Reason, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidAssembly, run.Failure!.ExitCode);
    }

    [Fact]
    public void AcceptDiscovery_NoTestsWithFilter_StartsAndCompletesAtOnce()
    {
        var run = NewRun(filterXml: "<filter><cat>None</cat></filter>");
        run.Handshake(Hello(0));

        var verdict = run.AcceptDiscovery(0, new Discovered([Assembly("/t/A.dll", 0, "F:")]));

        Assert.IsType<StartRun>(verdict);
        Assert.Null(run.Failure);
        Assert.True(run.Completion.IsCompleted);
    }

    [Fact]
    public void TestStarted_NotGranted_ThrowsInvalidData()
    {
        var run = StartedRun(2, Tests(8));
        run.ClaimNow(0, 0);

        Assert.Throws<InvalidDataException>(() => run.TestStarted(1, 0));
        Assert.Throws<InvalidDataException>(() => run.TestStarted(0, 7));
    }

    [Fact]
    public void TestFinished_NotGranted_ThrowsInvalidData()
    {
        var run = StartedRun(2, Tests(8));
        run.ClaimNow(0, 0);

        Assert.Throws<InvalidDataException>(() => run.TestFinished(1, 1, Outcome("Passed")));
        Assert.Equal((0, 8, 0), run.Progress);
    }

    [Fact]
    public void Claim_OutsideTheRun_ThrowsInvalidData()
    {
        var run = StartedRun(1, Tests(3));

        Assert.Throws<InvalidDataException>(() => run.ClaimNow(0, 3));
    }

    [Fact]
    public void TestFinished_Granted_IsRecorded()
    {
        var run = StartedRun(2, Tests(8));
        run.ClaimNow(0, 0);

        run.TestStarted(0, 0);
        run.TestFinished(0, 0, Outcome("Failed"));

        Assert.Equal((1, 8, 1), run.Progress);
        Assert.Equal(0, TestNode(run, "NS.F.T0").WorkerId);
    }

    [Fact]
    public void SuiteFinished_UnknownSuite_ThrowsInvalidData()
    {
        var run = StartedRun(1, Tests(2));

        Assert.Throws<InvalidDataException>(() => run.SuiteFinished(0, 2, Outcome("Passed")));
        Assert.Throws<InvalidDataException>(() => run.SuiteFinished(0, 9, Outcome("Passed")));
    }

    [Fact]
    public void WorkerEnded_WhileRunningATest_FailsThatTestNamingWorkerAndTest()
    {
        var run = StartedRun(2, Tests(8));
        run.ClaimNow(0, 0);
        run.TestStarted(0, 0);
        run.TestFinished(0, 0, Outcome("Passed"));
        run.TestStarted(0, 1);

        run.WorkerEnded(0, "crashed with exit code 134");

        var outcome = TestNode(run, "NS.F.T1").Outcome;
        Assert.NotNull(outcome);
        Assert.Equal("Failed", outcome.Status);
        Assert.Equal("worker 0 crashed with exit code 134 while running NS.F.T1", outcome.Message);
        Assert.Equal("Passed", TestNode(run, "NS.F.T0").Outcome!.Status);
        Assert.Equal((2, 8, 1), run.Progress);
    }

    [Fact]
    public void WorkerEnded_WithRestartsLeft_ReleasesItsOtherTestsAndAsksForAReplacement()
    {
        var run = StartedRun(2, Tests(8));
        run.RestartsLeft = 1;
        var replacements = new List<int>();
        run.ReplacementNeeded += replacements.Add;
        Assert.Equal([0, 2], run.ClaimNow(0, 0).Mine);
        Assert.Equal([2, 2], run.ClaimNow(1, 0).Mine);
        run.TestStarted(0, 0);

        run.WorkerEnded(0, "crashed");

        Assert.Equal([0], replacements);
        Assert.Equal(0, run.RestartsLeft);
        Assert.False(run.Completion.IsCompleted);
        Assert.IsType<Welcome>(run.Handshake(Hello(0)).Reply);
        Assert.IsType<StartRun>(run.AcceptDiscovery(0, Tests(8)));
        var grant = run.ClaimNow(0, 0);
        Assert.Equal(1, grant.Mine[0]);
        Assert.Equal([0, 1, 2, 2], grant.Taken);
        run.TestStarted(0, 1);
    }

    [Fact]
    public void WorkerEnded_SurvivorsTaken_DoesNotIncludeReleasedTests()
    {
        var run = StartedRun(2, Tests(16));
        Assert.Equal([0, 4], run.ClaimNow(0, 0).Mine);
        run.TestStarted(0, 0);
        run.TestFinished(0, 0, Outcome("Passed"));

        run.WorkerEnded(0, "crashed");
        var grant = run.ClaimNow(1, 8);

        Assert.Equal([0, 1], grant.Taken);
    }

    [Fact]
    public void WorkerEnded_NoRestartsLeft_DoesNotAskForAReplacement()
    {
        var run = StartedRun(2, Tests(8));
        var replacements = new List<int>();
        run.ReplacementNeeded += replacements.Add;
        run.ClaimNow(0, 0);

        run.WorkerEnded(0, "crashed");

        Assert.Empty(replacements);
        Assert.False(run.Completion.IsCompleted);
        run.WorkerEnded(1, "crashed");
        Assert.True(run.Completion.IsCompleted);
    }

    [Fact]
    public void WorkerEnded_AfterWorkerDone_FailsNothingAndAsksForNoReplacement()
    {
        var run = StartedRun(1, Tests(2));
        run.RestartsLeft = 3;
        var replacements = new List<int>();
        run.ReplacementNeeded += replacements.Add;
        run.ClaimNow(0, 0);
        run.TestStarted(0, 0);
        run.TestFinished(0, 0, Outcome("Passed"));
        run.ClaimNow(0, 1);
        run.TestStarted(0, 1);
        run.TestFinished(0, 1, Outcome("Passed"));
        run.WorkerDone(0, new WorkerDone(2, 0.5));

        run.WorkerEnded(0, "closed its connection");

        Assert.Empty(replacements);
        Assert.Equal((2, 2, 0), run.Progress);
        Assert.True(run.Completion.IsCompleted);
        Assert.Equal(2, run.BuildReport(DateTime.UnixEpoch, DateTime.UnixEpoch, "", "", null).Workers.Single().TestsRun);
    }

    [Fact]
    public void Completion_CompletesOnlyWhenEveryExpectedWorkerEnded()
    {
        var run = StartedRun(3, Tests(3));
        foreach (var w in new[] { 0, 1, 2 })
        {
            run.WorkerDone(w, new WorkerDone(1, 0.1));
        }

        run.WorkerEnded(2, "closed its connection");
        run.WorkerEnded(0, "closed its connection");
        run.WorkerEnded(0, "closed its connection");
        Assert.False(run.Completion.IsCompleted);

        run.WorkerEnded(1, "closed its connection");
        Assert.True(run.Completion.IsCompleted);
        Assert.Null(run.Failure);
    }

    /// <summary>Fixture F (tests 0-3) and a [NonParallelizable] fixture X (test 4).</summary>
    private static Discovered WithExclusiveFixture()
    {
        var assembly = Assembly("/t/A.dll", 0, "F:T0,T1,T2,T3", "X:T4");
        var fixture = assembly.Nodes[6];
        return new([WithNode(assembly, 6, fixture with { Properties = ["ParallelScope", "None"] })]);
    }

    [Fact]
    public async Task Claim_OfNonParallelizableTests_WhileAnotherWorkerHoldsTests_IsAnsweredWhenTheirResultsAreIn()
    {
        var run = StartedRun(2, WithExclusiveFixture());
        Assert.Equal([0, 2], run.ClaimNow(0, 0).Mine);

        var waiting = run.Claim(1, 4);
        run.TestFinished(0, 0, Outcome("Passed"));
        Assert.False(waiting.IsCompleted);
        run.TestFinished(0, 1, Outcome("Passed"));

        var grant = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([4, 1], grant.Mine);
    }

    [Fact]
    public async Task WorkerEnded_WhileItsClaimWaits_CancelsTheClaim_AndFreesTheOthers()
    {
        var run = StartedRun(2, WithExclusiveFixture());
        run.ClaimNow(0, 0);
        var waiting = run.Claim(1, 4);

        run.WorkerEnded(1, "was stopped");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        run.TestFinished(0, 0, Outcome("Passed"));
        run.TestFinished(0, 1, Outcome("Passed"));
        Assert.Equal([4, 1], run.ClaimNow(0, 4).Mine);
    }

    [Fact]
    public void TestUnreported_IsInNoReport_AndNotCountedAsNotRun()
    {
        var run = StartedRun(1, Tests(3));
        run.ClaimNow(0, 0);
        run.TestFinished(0, 0, Outcome("Passed"));
        run.TestUnreported(0, 1);
        run.ClaimNow(0, 2);
        run.TestFinished(0, 2, Outcome("Passed"));

        var report = run.BuildReport(DateTime.UnixEpoch, DateTime.UnixEpoch, "cmd", string.Empty, notRunReason: "not run");
        Assert.Equal(["NS.F.T0", "NS.F.T2"], report.Assemblies.SelectMany(a => Flatten(a.Root)).Where(n => n.IsTest).Select(n => n.Node.FullName));
        Assert.Equal((2, 2), run.Accounting);
    }

    private static TestRun StoppingRun(int workers, int tests, int maxFail)
    {
        var run = new TestRun(new RunSettings("run-1", Secret, workers, ["/t/A.dll"], string.Empty, 1234, []) { MaxFail = maxFail }, NullLogger.Instance);
        for (var w = 0; w < workers; w++)
        {
            Assert.Equal(maxFail, Assert.IsType<Welcome>(run.Handshake(Hello(w)).Reply).MaxFail);
            Assert.IsType<StartRun>(run.AcceptDiscovery(w, Tests(tests)));
        }

        return run;
    }

    [Fact]
    public void MaxFail_Reached_NothingMoreIsHandedOut_AndTheTestsNotStartedAreSkippedAsNotRun()
    {
        var run = StoppingRun(workers: 2, tests: 8, maxFail: 2);
        run.ClaimNow(0, 0);
        run.TestStarted(0, 0);
        run.TestFinished(0, 0, Outcome("Failed"));
        Assert.False(run.StoppedEarly);
        run.TestStarted(0, 1);
        run.TestFinished(0, 1, Outcome("Failed", label: "Error"));

        var late = run.ClaimNow(1, 7);
        run.WorkerDone(0, new WorkerDone(2, 0));
        run.WorkerEnded(0, "done");
        run.WorkerDone(1, new WorkerDone(0, 0));
        run.WorkerEnded(1, "done");
        var report = run.BuildReport(DateTime.UnixEpoch, DateTime.UnixEpoch, "cmd", string.Empty, run.NotRunReason(4));
        var tests = report.Assemblies.SelectMany(a => Flatten(a.Root)).Where(n => n.IsTest).ToList();
        var summary = ResultSummary.From(report);

        Assert.True(run.StoppedEarly);
        Assert.Empty(late.Mine);
        Assert.True(late.QueueEmpty);
        Assert.True(run.Completion.IsCompleted);
        Assert.All(tests.Skip(2), t =>
        {
            Assert.Equal(ResultOrigin.Stopped, t.Origin);
            Assert.Equal("Skipped", t.Outcome!.Status);
            Assert.Equal("not run: the run stopped after 2 failures (--max-fail)", t.Outcome.Message);
        });
        Assert.Equal((2, 6, 6), (summary.FailedCount, summary.SkipCount, summary.StoppedCount));
        Assert.Equal(2, summary.NUnitResultCount);
        Assert.Equal(2, ExitCodes.FromSummary(summary));
    }

    [Fact]
    public void MaxFail_Reached_ALostWorkerIsNotReplaced()
    {
        var run = StoppingRun(workers: 2, tests: 8, maxFail: 1);
        var replacements = new List<int>();
        run.ReplacementNeeded += replacements.Add;
        run.RestartsLeft = 4;
        run.ClaimNow(0, 0);
        run.TestStarted(0, 0);
        run.TestFinished(0, 0, Outcome("Failed"));

        run.WorkerEnded(0, "crashed");

        Assert.Empty(replacements);
        Assert.False(run.RestartsExhausted);
    }

    [Fact]
    public void MaxFail_EachWorkerLearnsTheFailuresOfTheOthers_ThroughItsEventLog()
    {
        var folder = Infrastructure.TestTemp.CreateDirectory("maxfail-").FullName;
        var run = StoppingRun(workers: 2, tests: 8, maxFail: 5);
        using var log0 = Mproc.Protocol.Transport.EventLogReader.Create(Path.Combine(folder, "0.log"));
        using var log1 = Mproc.Protocol.Transport.EventLogReader.Create(Path.Combine(folder, "1.log"));
        run.AttachEventLog(0, log0);
        run.AttachEventLog(1, log1);
        using var worker0 = Mproc.Protocol.Transport.EventLogWriter.Open(log0.Path);
        using var worker1 = Mproc.Protocol.Transport.EventLogWriter.Open(log1.Path);
        run.ClaimNow(0, 0);

        run.TestStarted(0, 0);
        run.TestFinished(0, 0, Outcome("Failed"));
        run.TestStarted(0, 1);
        run.TestFinished(0, 1, Outcome("Passed"));
        run.ClaimNow(0, 2);
        run.TestStarted(0, 2);
        run.TestFinished(0, 2, Outcome("Failed"));

        Assert.Equal(0, worker0.FailuresElsewhere);
        Assert.Equal(2, worker1.FailuresElsewhere);
        Assert.Equal(2, run.Failures);
    }
}
