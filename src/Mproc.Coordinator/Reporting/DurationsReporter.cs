using System.Globalization;
using Mproc.Coordinator.Results;
using Mproc.Coordinator.Scheduling;

namespace Mproc.Coordinator.Reporting;

/// <summary>--durations N: the N slowest tests and the N slowest groups of a run.</summary>
public static class DurationsReporter
{
    public static void Write(TextWriter output, RunReport report, int count)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var tests = report.Assemblies.SelectMany(a => Leaves(a.Root)).Where(t => t.Outcome is not null).ToList();
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Slowest {Math.Min(count, tests.Count)} tests"));
        foreach (var test in tests.OrderByDescending(t => t.Outcome!.DurationSeconds).Take(count))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {test.Outcome!.DurationSeconds,9:F3}s  worker {test.WorkerId,-3} {test.Node.FullName}"));
        }

        var groups = tests
            .Select(t => (Test: t, Group: GroupOf(t)))
            .Where(x => x.Group is not null)
            .GroupBy(x => x.Group!, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Seconds: g.Sum(x => x.Test.Outcome!.DurationSeconds), Tests: g.Count(), Workers: g.Select(x => x.Test.WorkerId).Distinct().Order().ToList()))
            .OrderByDescending(g => g.Seconds)
            .Take(count)
            .ToList();
        if (groups.Count > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Slowest {groups.Count} groups"));
            foreach (var group in groups)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Seconds,9:F3}s  worker {string.Join(',', group.Workers),-3} {group.Name} ({group.Tests} tests)"));
            }
        }
    }

    private static IEnumerable<ResultNode> Leaves(ResultNode node) =>
        node.IsTest ? [node] : node.Children.SelectMany(Leaves);

    private static string? GroupOf(ResultNode test) => WorkPlan.GroupsAlong(SelfAndAncestors(test)).FirstOrDefault();

    private static IEnumerable<Protocol.Messages.TestNode> SelfAndAncestors(ResultNode test)
    {
        for (var node = test; node is not null; node = node.Parent)
        {
            yield return node.Node;
        }
    }
}
