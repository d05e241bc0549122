using System.Globalization;
using Mproc.Coordinator.Results;
using Mproc.Coordinator.Scheduling;

namespace Mproc.Coordinator.Reporting;

/// <summary>
/// --durations N: the N slowest tests, the N slowest fixtures (the sum of their tests' durations,
/// over every worker that ran a part) and the N slowest MprocGroups of a run (those with
/// <c>Scope = Node</c> marked "[node]").
/// </summary>
public static class DurationsReporter
{
    public static void Write(TextWriter output, RunReport report, int count)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var tests = TestsWithResults(report);
        output.WriteLine();
        output.WriteLine(Invariant($"Slowest {Math.Min(count, tests.Count)} tests"));
        foreach (var test in tests.OrderByDescending(t => t.Outcome!.DurationSeconds).Take(count))
        {
            output.WriteLine(Invariant($"  {test.Outcome!.DurationSeconds,9:F3}s  worker {test.WorkerId,-3} {test.Node.FullName}"));
        }

        var fixtures = ReportedFixture.Collect(report)
            .Select(f => Total(f.Suite.Node.FullName, f.Tests.Where(t => t.Outcome is not null)))
            .Where(f => f.Tests > 0);
        WriteTotals(output, "fixtures", fixtures, count);

        var groups = tests
            .Select(t => (Test: t, Group: GroupOf(t)))
            .Where(x => x.Group is not null)
            .GroupBy(x => x.Group!, StringComparer.Ordinal)
            .Select(g => Total(g.Key, g.Select(x => x.Test)));
        WriteTotals(output, "groups", groups, count);
    }

    private static (string Name, double Seconds, int Tests, string Workers) Total(string name, IEnumerable<ResultNode> tests)
    {
        var list = tests.ToList();
        var workers = string.Join(',', list.Select(t => t.WorkerId).Distinct().Order());
        return (name, list.Sum(t => t.Outcome!.DurationSeconds), list.Count, workers);
    }

    private static void WriteTotals(TextWriter output, string what, IEnumerable<(string Name, double Seconds, int Tests, string Workers)> totals, int count)
    {
        var slowest = totals.OrderByDescending(t => t.Seconds).ThenBy(t => t.Name, StringComparer.Ordinal).Take(count).ToList();
        if (slowest.Count == 0)
        {
            return;
        }

        output.WriteLine(Invariant($"Slowest {slowest.Count} {what}"));
        foreach (var (name, seconds, tests, workers) in slowest)
        {
            output.WriteLine(Invariant($"  {seconds,9:F3}s  worker {workers,-3} {name} ({tests} tests)"));
        }
    }

    /// <summary>The report's test cases that have a result, in tree order.</summary>
    internal static List<ResultNode> TestsWithResults(RunReport report) =>
        report.Assemblies.SelectMany(a => Leaves(a.Root)).Where(t => t.Outcome is not null).ToList();

    private static IEnumerable<ResultNode> Leaves(ResultNode node) =>
        node.IsTest ? [node] : node.Children.SelectMany(Leaves);

    /// <summary>The test's group, with " [node]" when it is declared with <c>Scope = Node</c>.</summary>
    private static string? GroupOf(ResultNode test)
    {
        var group = WorkPlan.GroupsAlong(SelfAndAncestors(test)).FirstOrDefault();
        var onNode = group is not null && SelfAndAncestors(test).Any(n => WorkPlan.DeclaresNodeScope(n) && NUnitTraits.Property(n, WorkPlan.GroupProperty) == group);
        return onNode ? $"{group} [node]" : group;
    }

    private static IEnumerable<Protocol.Messages.TestNode> SelfAndAncestors(ResultNode test)
    {
        for (var node = test; node is not null; node = node.Parent)
        {
            yield return node.Node;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
