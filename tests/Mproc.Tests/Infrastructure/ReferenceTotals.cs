namespace Mproc.Tests.Infrastructure;

/// <summary>
/// Counts of one run. Total, Passed, Failed, Warnings, Inconclusive and Skipped are the attributes of
/// the result's test-run element; Errors, Ignored and Explicit are counted from its test cases
/// (Failed with label Error, Skipped with label Ignored, Skipped with label Explicit).
/// </summary>
public sealed record ReferenceTotals(
    int Total,
    int Passed,
    int Failed,
    int Errors,
    int Warnings,
    int Inconclusive,
    int Skipped,
    int Ignored,
    int Explicit);
