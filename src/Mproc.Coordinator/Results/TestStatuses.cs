namespace Mproc.Coordinator.Results;

/// <summary>NUnit's <c>TestStatus</c> names, as they appear in results and reports.</summary>
public static class TestStatuses
{
    public const string Passed = "Passed";
    public const string Failed = "Failed";
    public const string Warning = "Warning";
    public const string Inconclusive = "Inconclusive";
    public const string Skipped = "Skipped";
}
