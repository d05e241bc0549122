using Microsoft.Extensions.Logging.Abstractions;
using Mproc.Tests.Coordinator.Scheduling;
using Mproc.Coordinator.Running;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Xunit;
using static Mproc.Tests.Coordinator.Running.Discoveries;

namespace Mproc.Tests.Coordinator.Running;

public sealed class ProgressDisplayTests
{
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    [Fact]
    public async Task Plain_FailureAndWorkerOutput_AreWholeLinesWithoutEscapes()
    {
        var run = StartedRun();
        using var output = new StringWriter();
        await using (new ProgressDisplay(run, output, TimeProvider.System, Never, TerminalInfo.Plain))
        {
            run.TestStarted(0, 0);
            run.TestFinished(0, 0, Outcome("Failed", "Expected: 1\n  But was: 2"));
            run.TestStarted(0, 1);
            run.TestFinished(0, 1, Outcome("Passed", null));
        }

        Assert.Equal($"FAILED NS.F.T0 (worker 0): Expected: 1{Environment.NewLine}", output.ToString());
    }

    [Fact]
    public async Task WorkerOutput_IsPrefixedWithTheWorkerId()
    {
        var run = StartedRun();
        using var output = new StringWriter();
        await using (var display = new ProgressDisplay(run, output, TimeProvider.System, Never, TerminalInfo.Plain))
        {
            display.WorkerOutput(1, "hello\n");
        }

        Assert.Equal($"[worker 1] hello{Environment.NewLine}", output.ToString());
    }

    [Fact]
    public async Task Live_RewritesTheStatusLineAroundAFailureAndClearsItAtTheEnd()
    {
        var run = StartedRun();
        using var output = new StringWriter();
        await using (new ProgressDisplay(run, output, TimeProvider.System, Never, new TerminalInfo(Live: true, Color: true, Width: 80)))
        {
            run.TestStarted(0, 0);
            run.TestFinished(0, 0, Outcome("Failed", "boom"));
        }

        var text = output.ToString();
        Assert.Contains("\u001b[31mFAILED\u001b[0m NS.F.T0 (worker 0): boom" + Environment.NewLine + "\r\u001b[K[", text, StringComparison.Ordinal);
        Assert.Contains("1/2 tests done, 1 failed", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[K", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, null, null, null, true, true)]
    [InlineData(true, null, null, null, false, false)]
    [InlineData(false, "true", null, null, false, false)]
    [InlineData(false, null, "1", null, true, false)]
    [InlineData(false, null, null, "dumb", false, false)]
    public void Detect_TerminalCiAndNoColor(bool redirected, string? ci, string? noColor, string? term, bool live, bool color)
    {
        var variables = new Dictionary<string, string?> { ["CI"] = ci, ["NO_COLOR"] = noColor, ["TERM"] = term };

        var terminal = TerminalInfo.Detect(name => variables.GetValueOrDefault(name), redirected, 100);

        Assert.Equal((live, color, 100), (terminal.Live, terminal.Color, terminal.Width));
    }

    [Fact]
    public void Format_ShowsCountsEstimateAndWorkersCutToWidth()
    {
        var running = new List<KeyValuePair<int, string>> { new(0, "Shop.Tests.CartTests.AddsItem(3)"), new(1, "Top") };

        var line = ProgressLine.Format(10, 25, 100, 2, running);

        Assert.Equal("[  10.0s] 25/100 tests done, 2 failed, about 30s left | w0 CartTests.AddsItem(3) | w1 Top", line);
        Assert.Equal(40, ProgressLine.Format(10, 25, 100, 2, running, width: 40).Length);
        Assert.Equal("[   1.0s] 0/3 tests done, 0 failed", ProgressLine.Format(1, 0, 3, 0));
    }

    [Fact]
    public void Failure_WithoutColor_HasNoEscapes() =>
        Assert.Equal("FAILED A.B (worker 3): first", ProgressLine.Failure("A.B", 3, "\n first \nsecond", color: false));

    private static TestOutcome Outcome(string status, string? message) =>
        new(status, "", "Test", message, null, null, 1, 2, 0.1, 0);

    private static TestRun StartedRun()
    {
        var run = new TestRun(new RunSettings("run-1", "s", 2, ["/t/A.dll"], "", 1, []), NullLogger.Instance);
        var discovered = new Discovered([Assembly("/t/A.dll", 0, "F:T0,T1")]);
        for (var w = 0; w < 2; w++)
        {
            run.Handshake(new Hello(ProtocolConstants.Version, w, 100 + w, "s", "10.0.0"));
            run.AcceptDiscovery(w, discovered);
        }

        run.ClaimNow(0, 0);
        run.ClaimNow(0, 1);
        return run;
    }
}
