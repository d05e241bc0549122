namespace Mproc.Coordinator.Results;

/// <summary>
/// The effective result of one node of the merged tree: for a test case its own outcome, for a
/// suite the outcome aggregated from its children and its own (SetUp/TearDown) outcome, the way
/// NUnit's <c>TestSuiteResult</c> does it. Times are UTC; null when nothing below ran.
/// </summary>
public sealed record NodeResult(
    string Status,
    string Label,
    string Site,
    string? Message,
    string? StackTrace,
    string? Output,
    ResultCounts Counts,
    int TestCaseCount,
    DateTime? StartUtc,
    DateTime? EndUtc,
    double DurationSeconds)
{
    /// <summary>True for the result of a test case the run never got to (interrupted run).</summary>
    public bool NotRun => Status == TestStatuses.Skipped && Label == ResultLabels.Cancelled;
}
