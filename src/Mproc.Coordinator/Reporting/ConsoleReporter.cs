using System.Globalization;
using System.Text;
using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Reporting;

/// <summary>
/// The end-of-run report in the shape of nunit3-console's: the numbered "Errors, Failures and
/// Warnings", the "Test Run Summary", then what each worker did, the random seed and where the
/// result file went. Plain text; <c>useColor</c> colours only the overall result line.
/// </summary>
public sealed partial class ConsoleReporter
{
    private const string Indent4 = "    ";
    private const string Indent8 = "        ";
    private readonly TextWriter _out;
    private readonly bool _useColor;

    public ConsoleReporter(TextWriter output, bool useColor = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = output;
        _useColor = useColor;
    }

    /// <summary>Aggregates <paramref name="report"/> and writes the whole report.</summary>
    public void Write(RunReport report, string? resultFilePath)
    {
        var run = ResultAggregator.Aggregate(report);
        Write(run, ResultSummary.From(run), resultFilePath);
    }

    /// <summary>Writes the whole report.</summary>
    public void Write(AggregatedRun run, ResultSummary summary, string? resultFilePath)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(summary);
        WriteErrorsFailuresAndWarnings(run);
        WriteSummary(summary);
        WriteWorkers(run.Report);
        _out.WriteLine(Invariant($"Random seed: {run.Report.RandomSeed}"));
        if (!string.IsNullOrEmpty(resultFilePath))
        {
            _out.WriteLine($"Results (nunit3) saved as {resultFilePath}");
        }
    }

    /// <summary>The "Test Run Summary" block.</summary>
    public void WriteSummary(ResultSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        _out.WriteLine("Test Run Summary");
        _out.WriteLine(Indent4 + "Overall result: " + Colour(summary.OverallResult));
        _out.WriteLine(Invariant(
            $"{Indent4}Test Count: {summary.TestCount}, Pass: {summary.PassCount}, Fail: {summary.FailedCount}, Warn: {summary.WarningCount}, Inconclusive: {summary.InconclusiveCount}, Skip: {summary.TotalSkipCount}"));
        if (summary.FailedCount > 0)
        {
            _out.WriteLine(Invariant(
                $"{Indent8}Failed Tests - Failures: {summary.FailureCount}, Errors: {summary.ErrorCount}, Invalid: {summary.InvalidCount}"));
        }

        if (summary.TotalSkipCount > 0)
        {
            _out.WriteLine(Invariant(
                $"{Indent8}Skipped Tests - Ignored: {summary.IgnoreCount}, Explicit: {summary.ExplicitCount}, Other: {summary.SkipCount}"));
        }

        if (summary.Interrupted)
        {
            _out.WriteLine(Invariant($"{Indent4}Run interrupted: {summary.NotRunCount} tests not run"));
        }

        if (summary.StoppedEarly)
        {
            _out.WriteLine(Invariant($"{Indent4}Run stopped early (--max-fail): {summary.StoppedCount} tests not run"));
        }

        _out.WriteLine(Indent4 + "Start time: " + summary.StartUtc.ToString("u", CultureInfo.InvariantCulture));
        _out.WriteLine(Indent4 + "End time: " + summary.EndUtc.ToString("u", CultureInfo.InvariantCulture));
        _out.WriteLine(Invariant($"{Indent4}Duration: {summary.DurationSeconds:0.000} seconds"));
        _out.WriteLine(AccountedFor(summary));
        _out.WriteLine();
    }

    /// <summary>
    /// Every selected test and where its result came from: NUnit, or nunit-mproc in NUnit's place
    /// (a worker lost while running it, no worker left to run it, the run interrupted before it).
    /// </summary>
    private static string AccountedFor(ResultSummary summary)
    {
        var line = new StringBuilder(Invariant($"{Indent4}Accounted for: {summary.TestCount} tests, {summary.NUnitResultCount} NUnit results"));
        Append(summary.WorkerLostCount, "failed by nunit-mproc (worker crashed or timed out)");
        Append(summary.NoWorkerLeftCount, "failed by nunit-mproc (not run: no worker left)");
        Append(summary.StoppedCount, "skipped by nunit-mproc (not run: the run stopped at --max-fail)");
        Append(summary.NotRunCount, "cancelled (interrupted)");
        return line.ToString();

        void Append(int count, string what)
        {
            if (count > 0)
            {
                line.Append(Invariant($", {count} {what}"));
            }
        }
    }

    /// <summary>One line per worker: id, pid, tests run, busy seconds, share of the run's wall time.</summary>
    public void WriteWorkers(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Workers.Count == 0)
        {
            return;
        }

        _out.WriteLine("Workers");
        _out.WriteLine(Indent4 + "Worker      Pid    Tests   Busy (s)   Utilisation");
        foreach (var worker in report.Workers.OrderBy(w => w.WorkerId))
        {
            var utilisation = report.DurationSeconds > 0 ? 100 * worker.BusySeconds / report.DurationSeconds : 0;
            var pid = worker.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "-";
            var replaced = worker.Processes > 1 ? Invariant($"   ({worker.Processes} processes: {worker.Processes - 1} replaced)") : string.Empty;
            _out.WriteLine(Invariant(
                $"{Indent4}{worker.WorkerId,6} {pid,8} {worker.TestsRun,8} {worker.BusySeconds,10:0.000} {utilisation,12:0.0}%{replaced}"));
        }

        _out.WriteLine();
    }

    private string Colour(string overallResult)
    {
        if (!_useColor)
        {
            return overallResult;
        }

        var code = overallResult switch
        {
            TestStatuses.Passed => "32",
            TestStatuses.Failed => "31",
            TestStatuses.Warning or TestStatuses.Skipped => "33",
            _ => "36",
        };
        return "\u001b[" + code + "m" + overallResult + "\u001b[0m";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
