using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Reporting;

/// <summary>The TRX outcome names nunit-mproc writes, and how NUnit results map onto them.</summary>
public static class TrxOutcomes
{
    public const string Passed = "Passed";
    public const string Failed = "Failed";
    public const string Inconclusive = "Inconclusive";
    public const string NotExecuted = "NotExecuted";
    public const string Completed = "Completed";

    /// <summary>As the NUnit test adapter maps them by default (warnings as skipped).</summary>
    public static string From(NodeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            TestStatuses.Passed => Passed,
            TestStatuses.Failed => Failed,
            TestStatuses.Inconclusive => Inconclusive,
            _ => NotExecuted,
        };
    }
}
