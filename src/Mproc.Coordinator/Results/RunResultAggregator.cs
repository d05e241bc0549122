namespace Mproc.Coordinator.Results;

/// <summary>
/// The result of the whole run from its assemblies' results, the way the NUnit engine combines
/// them into the <c>&lt;test-run&gt;</c> element (no site at this level). A run in which some
/// test never ran is Failed/Cancelled, which is how NUnit reports a cancelled run.
/// </summary>
internal static class RunResultAggregator
{
    public static NodeResult Combine(IReadOnlyList<NodeResult> assemblies, RunReport report)
    {
        var status = TestStatuses.Inconclusive;
        var label = ResultLabels.None;
        var counts = default(ResultCounts);
        var testCases = 0;
        var interrupted = false;
        foreach (var assembly in assemblies)
        {
            (status, label) = Merge(status, label, assembly);
            counts += assembly.Counts;
            testCases += assembly.TestCaseCount;
        }

        foreach (var assembly in report.Assemblies)
        {
            interrupted |= HasNotRunTest(assembly.Root);
        }

        string? message = null;
        if (interrupted)
        {
            (status, label, message) = (TestStatuses.Failed, ResultLabels.Cancelled, "The run was interrupted");
        }

        return new NodeResult(
            status, label, FailureSites.Test, message, null, null, counts, testCases,
            report.StartUtc, report.EndUtc, report.DurationSeconds);
    }

    private static (string Status, string Label) Merge(string status, string label, NodeResult child)
    {
        switch (child.Status)
        {
            case TestStatuses.Skipped:
                if (status == TestStatuses.Inconclusive || (status == TestStatuses.Passed && child.Label == ResultLabels.Ignored))
                {
                    return (TestStatuses.Skipped, child.Label);
                }

                break;
            case TestStatuses.Passed:
                if (status != TestStatuses.Failed && label != ResultLabels.Ignored && status != TestStatuses.Warning)
                {
                    return (TestStatuses.Passed, label);
                }

                break;
            case TestStatuses.Failed:
                return (TestStatuses.Failed, child.Label);
            case TestStatuses.Warning:
                if (status is TestStatuses.Inconclusive or TestStatuses.Passed or TestStatuses.Skipped)
                {
                    return (TestStatuses.Warning, label);
                }

                break;
            default:
                break;
        }

        return (status, label);
    }

    private static bool HasNotRunTest(ResultNode node)
    {
        if (node.IsTest)
        {
            return node.Outcome is null;
        }

        foreach (var child in node.Children)
        {
            if (HasNotRunTest(child))
            {
                return true;
            }
        }

        return false;
    }
}
