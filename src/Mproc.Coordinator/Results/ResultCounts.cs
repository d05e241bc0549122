namespace Mproc.Coordinator.Results;

/// <summary>Test-case counts of a result subtree, as NUnit's <c>TestSuiteResult</c> keeps them.</summary>
public readonly record struct ResultCounts(
    int Total, int Passed, int Failed, int Warnings, int Inconclusive, int Skipped, int Asserts)
{
    /// <summary>The counts of one test case with the given status.</summary>
    public static ResultCounts ForTestCase(string status, int asserts) => status switch
    {
        TestStatuses.Passed => new(1, 1, 0, 0, 0, 0, asserts),
        TestStatuses.Failed => new(1, 0, 1, 0, 0, 0, asserts),
        TestStatuses.Warning => new(1, 0, 0, 1, 0, 0, asserts),
        TestStatuses.Skipped => new(1, 0, 0, 0, 0, 1, asserts),
        _ => new(1, 0, 0, 0, 1, 0, asserts),
    };

    public static ResultCounts operator +(ResultCounts left, ResultCounts right) => Add(left, right);

    public static ResultCounts Add(ResultCounts left, ResultCounts right) => new(
        left.Total + right.Total,
        left.Passed + right.Passed,
        left.Failed + right.Failed,
        left.Warnings + right.Warnings,
        left.Inconclusive + right.Inconclusive,
        left.Skipped + right.Skipped,
        left.Asserts + right.Asserts);
}
