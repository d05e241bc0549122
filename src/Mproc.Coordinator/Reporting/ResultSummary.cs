using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Reporting;

/// <summary>
/// The counts of a run the way nunit3-console's summary counts them: failed tests split into
/// failures, errors (any other label, e.g. Error or Cancelled) and invalid ones; skipped ones into
/// ignored, explicit and other. As in nunit3-console, every test case under a fixture whose
/// OneTimeTearDown failed with an error counts as an error, whatever its own result.
/// </summary>
public sealed class ResultSummary
{
    public int TestCount { get; private set; }

    public int PassCount { get; private set; }

    public int FailureCount { get; private set; }

    public int ErrorCount { get; private set; }

    public int InvalidCount { get; private set; }

    public int FailedCount => FailureCount + ErrorCount + InvalidCount;

    public int WarningCount { get; private set; }

    public int InconclusiveCount { get; private set; }

    public int IgnoreCount { get; private set; }

    public int ExplicitCount { get; private set; }

    /// <summary>Skipped tests that are neither ignored nor explicit (includes <see cref="NotRunCount"/>).</summary>
    public int SkipCount { get; private set; }

    public int TotalSkipCount => IgnoreCount + ExplicitCount + SkipCount;

    /// <summary>Tests the run never got to because it was interrupted (cancelled by nunit-mproc).</summary>
    public int NotRunCount { get; private set; }

    /// <summary>Tests nunit-mproc failed in NUnit's place because their worker crashed or timed out.</summary>
    public int WorkerLostCount { get; private set; }

    /// <summary>Tests nunit-mproc failed as not run because no worker was left to run them.</summary>
    public int NoWorkerLeftCount { get; private set; }

    /// <summary>Tests nunit-mproc reported skipped as not run because the run stopped at --max-fail.</summary>
    public int StoppedCount { get; private set; }

    /// <summary>The run stopped at --max-fail before every test had started.</summary>
    public bool StoppedEarly => StoppedCount > 0;

    /// <summary>Tests whose result NUnit reported (all others were made up by nunit-mproc).</summary>
    public int NUnitResultCount => TestCount - NotRunCount - WorkerLostCount - NoWorkerLeftCount - StoppedCount;

    /// <summary>Assemblies whose suite is Failed/Invalid (could not be loaded or run).</summary>
    public int InvalidAssemblies { get; private set; }

    /// <summary>Suites below an assembly that are Failed with label Invalid (not runnable), as nunit3-console counts them.</summary>
    public int InvalidTestFixtures { get; private set; }

    /// <summary>True when an assembly suite itself failed with an error.</summary>
    public bool UnexpectedError { get; private set; }

    public int AssertCount { get; private set; }

    /// <summary>The run's result: Passed, Failed, Warning, Inconclusive or Skipped.</summary>
    public string OverallResult { get; private set; } = TestStatuses.Inconclusive;

    public string OverallLabel { get; private set; } = ResultLabels.None;

    public bool Interrupted => NotRunCount > 0;

    public DateTime StartUtc { get; private set; }

    public DateTime EndUtc { get; private set; }

    public double DurationSeconds { get; private set; }

    public static ResultSummary From(RunReport report) => From(ResultAggregator.Aggregate(report));

    public static ResultSummary From(AggregatedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var summary = new ResultSummary
        {
            OverallResult = run.Run.Status,
            OverallLabel = run.Run.Label,
            StartUtc = run.Report.StartUtc,
            EndUtc = run.Report.EndUtc,
            DurationSeconds = run.Report.DurationSeconds,
            AssertCount = run.Run.Counts.Asserts,
        };
        foreach (var assembly in run.Report.Assemblies)
        {
            summary.Visit(assembly.Root, run, failedInFixtureTearDown: false);
        }

        return summary;
    }

    private void Visit(ResultNode node, AggregatedRun run, bool failedInFixtureTearDown)
    {
        var result = run.ResultOf(node);
        if (node.IsTest)
        {
            WorkerLostCount += node.Origin == ResultOrigin.WorkerLost ? 1 : 0;
            NoWorkerLeftCount += node.Origin == ResultOrigin.NotRun ? 1 : 0;
            StoppedCount += node.Origin == ResultOrigin.Stopped ? 1 : 0;
            CountTestCase(result, failedInFixtureTearDown);
            return;
        }

        var type = node.Node.TestType;
        var failed = result.Status == TestStatuses.Failed;
        if (failed && result.Label == ResultLabels.Invalid)
        {
            if (type == "Assembly")
            {
                InvalidAssemblies++;
            }
            else
            {
                InvalidTestFixtures++;
            }
        }

        if (type == "Assembly" && failed && result.Label == ResultLabels.Error && result.Site != FailureSites.Child)
        {
            InvalidAssemblies++;
            UnexpectedError = true;
        }

        if (type is "SetUpFixture" or "TestFixture" && failed
            && result.Label == ResultLabels.Error && result.Site == FailureSites.TearDown)
        {
            failedInFixtureTearDown = true;
        }

        foreach (var child in node.Children)
        {
            Visit(child, run, failedInFixtureTearDown);
        }
    }

    private void CountTestCase(NodeResult result, bool failedInFixtureTearDown)
    {
        TestCount++;
        if (failedInFixtureTearDown && result.Status != TestStatuses.Skipped)
        {
            ErrorCount++;
            return;
        }

        switch (result.Status)
        {
            case TestStatuses.Passed:
                PassCount++;
                break;
            case TestStatuses.Failed when result.Label == ResultLabels.None:
                FailureCount++;
                break;
            case TestStatuses.Failed when result.Label == ResultLabels.Invalid:
                InvalidCount++;
                break;
            case TestStatuses.Failed:
                ErrorCount++;
                break;
            case TestStatuses.Warning:
                WarningCount++;
                break;
            case TestStatuses.Inconclusive:
                InconclusiveCount++;
                break;
            case TestStatuses.Skipped when result.Label == ResultLabels.Ignored:
                IgnoreCount++;
                break;
            case TestStatuses.Skipped when result.Label == ResultLabels.Explicit:
                ExplicitCount++;
                break;
            default:
                SkipCount++;
                NotRunCount += result.NotRun ? 1 : 0;
                break;
        }
    }
}
