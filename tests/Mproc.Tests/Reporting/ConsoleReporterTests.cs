using System.Globalization;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Results;
using Xunit;
using static Mproc.Tests.Reporting.TreeBuilder;

namespace Mproc.Tests.Reporting;

public sealed class ConsoleReporterTests
{
    private readonly TreeBuilder _tree = new();

    [Fact]
    public void Write_FailingRun_ListsFailuresAndWarningsNumberedWithDetailsAndOutput()
    {
        var text = Write(SampleRun());

        var expected = string.Join(Environment.NewLine,
            "Errors, Failures and Warnings",
            "",
            "1) Failed : Ns.Calc.Sub",
            "Expected: 1",
            "  But was:  2",
            "at Ns.Fixture.Test() in Fixture.cs:line 12",
            "Output:",
            "hello from Sub",
            "",
            "2) Warning : Ns.Calc.Careful",
            "careful",
            "",
            "3) SetUp Error : Ns.Broken",
            "System.Exception : db down",
            "at Broken.Setup()",
            "",
            "Test Run Summary");
        Assert.StartsWith(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SetUpFailure_DoesNotListTheFixturesTests()
    {
        var text = Write(SampleRun());

        Assert.DoesNotContain("Ns.Broken.Never", text, StringComparison.Ordinal);
        Assert.DoesNotContain(") Failed : Ns.Calc" + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Summary_HasNUnitConsoleCountsAndTimes()
    {
        var text = Write(SampleRun());

        Assert.Contains(Lines(
            "Test Run Summary",
            "    Overall result: Failed",
            "    Test Count: 6, Pass: 2, Fail: 2, Warn: 1, Inconclusive: 0, Skip: 1",
            "        Failed Tests - Failures: 1, Errors: 1, Invalid: 0",
            "        Skipped Tests - Ignored: 1, Explicit: 0, Other: 0",
            "    Start time: 2026-01-31 12:00:00Z",
            "    End time: 2026-01-31 12:00:08Z",
            "    Duration: 8.000 seconds"), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PassingRun_HasNoErrorsSectionNorFailedOrSkippedLines()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        _tree.Test(_tree.Suite(root, "TestFixture", "F"), "A", Passed());

        var text = Write(Report(root));

        Assert.DoesNotContain("Errors, Failures and Warnings", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed Tests", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Skipped Tests", text, StringComparison.Ordinal);
        Assert.Contains("    Overall result: Passed" + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Workers_TableHasIdPidTestsBusyAndUtilisation()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        _tree.Test(_tree.Suite(root, "TestFixture", "F"), "A", Passed());
        var report = Report([root], [new WorkerStats(2, 7, 2.0, null), new WorkerStats(1, 3, 6.0, 4242)]);

        var lines = Write(report).Split(Environment.NewLine);

        var header = Array.IndexOf(lines, "Workers");
        Assert.True(header >= 0);
        Assert.Equal(["1", "4242", "3", "6.000", "75.0%"], lines[header + 2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["2", "-", "7", "2.000", "25.0%"], lines[header + 3].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Write_End_NamesRandomSeedAndResultFile()
    {
        var text = Write(SampleRun(), "/out/TestResult.xml");

        Assert.EndsWith(Lines("Random seed: 12345", "Results (nunit3) saved as /out/TestResult.xml", ""), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_InterruptedRun_SaysHowManyTestsDidNotRun()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "F");
        _tree.Test(fixture, "A", Passed());
        _tree.Test(fixture, "B", null);

        var text = Write(Report(root));

        Assert.Contains("    Run interrupted: 1 tests not run" + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Contains("Skipped Tests - Ignored: 0, Explicit: 0, Other: 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AccountedFor_CountsResultsNUnitDidNotReportAsWhatTheyAre()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "F");
        _tree.Test(fixture, "A", Passed());
        _tree.Test(fixture, "B", Outcome("Failed"));
        _tree.Test(fixture, "Crashed", Outcome("Failed", "Error", message: "worker 0 crashed (exit code 3) while running F.Crashed")).Origin = ResultOrigin.WorkerLost;
        _tree.Test(fixture, "TimedOut", Outcome("Failed", "Error", message: "worker 1 timed out: F.TimedOut ran longer than --test-timeout 1 s")).Origin = ResultOrigin.WorkerLost;
        _tree.Test(fixture, "Left", Outcome("Failed", "Error", message: "not run: no worker was left to run it")).Origin = ResultOrigin.NotRun;
        _tree.Test(fixture, "Cancelled", null);

        var text = Write(Report(root));

        Assert.Contains(
            "    Accounted for: 6 tests, 2 NUnit results, 2 failed by nunit-mproc (worker crashed or timed out), 1 failed by nunit-mproc (not run: no worker left), 1 cancelled (interrupted)" + Environment.NewLine,
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AccountedFor_AllFromNUnit_NamesNoOtherOrigin()
    {
        var text = Write(SampleRun());

        Assert.Contains("    Accounted for: 6 tests, 6 NUnit results" + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Write_Colour_OnlyColoursTheOverallResultLine(bool useColor)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        new ConsoleReporter(writer, useColor).Write(SampleRun(), null);

        var coloured = writer.ToString().Split(Environment.NewLine).Where(l => l.Contains('\u001b', StringComparison.Ordinal)).ToList();
        if (useColor)
        {
            Assert.Equal(["    Overall result: \u001b[31mFailed\u001b[0m"], coloured);
        }
        else
        {
            Assert.Empty(coloured);
        }
    }

    private RunReport SampleRun()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var ns = _tree.Suite(root, "TestSuite", "Ns");
        var calc = _tree.Suite(ns, "TestFixture", "Calc");
        _tree.Test(calc, "Add", Passed());
        _tree.Test(calc, "Sub", Outcome("Failed", message: "Expected: 1\n  But was:  2\n", stackTrace: "at Ns.Fixture.Test() in Fixture.cs:line 12", output: "hello from Sub\n"));
        _tree.Test(calc, "Careful", Outcome("Warning", message: "careful"));
        _tree.Test(calc, "Later", Outcome("Skipped", "Ignored", message: "not yet"));
        var broken = _tree.Suite(ns, "TestFixture", "Broken", Outcome("Failed", "Error", "SetUp", "System.Exception : db down", "at Broken.Setup()"));
        _tree.Test(broken, "Never", Outcome("Failed", "Error", "Parent", "OneTimeSetUp: System.Exception : db down"));
        var other = _tree.Suite(root, "TestFixture", "Other");
        _tree.Test(other, "Fine", Passed());
        return Report(root);
    }

    private static string Write(RunReport report, string? resultFile = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new ConsoleReporter(writer).Write(report, resultFile);
        return writer.ToString();
    }

    private static string Lines(params string[] lines) => string.Join(Environment.NewLine, lines);
}
