using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Results;

/// <summary>
/// Computes the effective result of every node of a merged tree, bottom-up, as NUnit would have
/// reported it after a single serial run.
/// </summary>
public static class ResultAggregator
{
    /// <summary>The message of a test case the run never got to.</summary>
    public const string NotRunMessage = "Not run: the run was interrupted before this test ran";

    /// <summary>Aggregates every assembly of <paramref name="report"/> and the run as a whole.</summary>
    public static AggregatedRun Aggregate(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var results = new Dictionary<ResultNode, NodeResult>(ReferenceEqualityComparer.Instance);
        var assemblies = new List<NodeResult>(report.Assemblies.Count);
        foreach (var assembly in report.Assemblies)
        {
            var result = Aggregate(assembly.Root, results);
            if (assembly.Root.Children.Count == 0 && !EmptySuiteIsInconclusive(assembly.FrameworkVersion))
            {
                result = result with { Status = TestStatuses.Passed, Label = ResultLabels.None, Site = FailureSites.Test, Message = null };
                results[assembly.Root] = result;
            }

            assemblies.Add(result);
        }

        return new AggregatedRun(report, RunResultAggregator.Combine(assemblies, report), results);
    }

    /// <summary>
    /// Whether this NUnit reports an assembly with nothing selected as Inconclusive ("No test cases
    /// were provided", NUnit 5) rather than Passed (NUnit 3 and 4).
    /// </summary>
    public static bool EmptySuiteIsInconclusive(string frameworkVersion) =>
        !Version.TryParse(frameworkVersion, out var version) || version.Major >= 5;

    /// <summary>Aggregates the tree under <paramref name="node"/>, recording every node's result.</summary>
    public static NodeResult Aggregate(ResultNode node, IDictionary<ResultNode, NodeResult> results)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(results);
        var result = node.IsTest ? ForTestCase(node.Outcome) : ForSuite(node, results);
        results[node] = result;
        return result;
    }

    /// <summary>The result of one test case; a missing outcome means the run was interrupted.</summary>
    public static NodeResult ForTestCase(TestOutcome? outcome)
    {
        if (outcome is null)
        {
            return new NodeResult(
                TestStatuses.Skipped, ResultLabels.Cancelled, FailureSites.Test, NotRunMessage, null, null,
                ResultCounts.ForTestCase(TestStatuses.Skipped, 0), 1, null, null, 0);
        }

        return new NodeResult(
            outcome.Status, outcome.Label, outcome.Site, outcome.Message, outcome.StackTrace, outcome.Output,
            ResultCounts.ForTestCase(outcome.Status, outcome.AssertCount), 1,
            ToUtc(outcome.StartTicks), ToUtc(outcome.EndTicks), outcome.DurationSeconds);
    }

    private static NodeResult ForSuite(ResultNode node, IDictionary<ResultNode, NodeResult> results)
    {
        var own = node.Outcome;
        var kind = SuiteOutcomeKinds.Classify(own);
        var state = new SuiteResultBuilder();
        if (kind == SuiteOutcomeKind.BeforeChildren)
        {
            state.Set(own!.Status, own.Label, own.Site, own.Message, own.StackTrace);
        }

        var counts = default(ResultCounts);
        var testCases = 0;
        DateTime? start = ToUtc(own?.StartTicks ?? 0);
        DateTime? end = ToUtc(own?.EndTicks ?? 0);
        foreach (var child in node.Children)
        {
            var childResult = Aggregate(child, results);
            state.MergeChild(childResult);
            counts += childResult.Counts;
            testCases += childResult.TestCaseCount;
            start = Earliest(start, childResult.StartUtc);
            end = Latest(end, childResult.EndUtc);
        }

        if (kind == SuiteOutcomeKind.AfterChildren)
        {
            state.Set(own!.Status, own.Label, own.Site, own.Message, own.StackTrace);
        }
        else if (node.Children.Count == 0 && kind == SuiteOutcomeKind.Derived)
        {
            state.Set(TestStatuses.Inconclusive, ResultLabels.None, FailureSites.Test, SuiteResultBuilder.NoTestCasesMessage, null);
        }

        var duration = start is { } s && end is { } e && e > s ? (e - s).TotalSeconds : 0;
        return new NodeResult(
            state.Status, state.Label, state.Site, state.Message, state.StackTrace, own?.Output,
            counts, testCases, start, end, duration);
    }

    private static DateTime? ToUtc(long ticks) =>
        ticks > 0 && ticks <= DateTime.MaxValue.Ticks ? new DateTime(ticks, DateTimeKind.Utc) : null;

    private static DateTime? Earliest(DateTime? a, DateTime? b) => a is null ? b : b is null || a <= b ? a : b;

    private static DateTime? Latest(DateTime? a, DateTime? b) => a is null ? b : b is null || a >= b ? a : b;
}
