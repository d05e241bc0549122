using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Reporting;

/// <summary>
/// The test cases of one fixture (the nearest suite that is a class, not a parameterized method),
/// in run order: the unit flat report formats (JUnit, TRX) are organized by.
/// </summary>
public sealed record ReportedFixture(AssemblyReport Assembly, ResultNode Suite, IReadOnlyList<ResultNode> Tests)
{
    private static readonly HashSet<string> MethodSuites = new(StringComparer.Ordinal)
    {
        "ParameterizedMethod", "Theory", "GenericMethod",
    };

    /// <summary>Every fixture of the run with at least one test case, in the order of the report's trees.</summary>
    public static IReadOnlyList<ReportedFixture> Collect(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fixtures = new List<ReportedFixture>();
        foreach (var assembly in report.Assemblies)
        {
            var groups = new Dictionary<ResultNode, List<ResultNode>>(ReferenceEqualityComparer.Instance);
            var order = new List<ResultNode>();
            Visit(assembly.Root, groups, order);
            fixtures.AddRange(order.Select(suite => new ReportedFixture(assembly, suite, groups[suite])));
        }

        return fixtures;
    }

    /// <summary>The suite a test case is reported under: its parent, skipping parameterized-method suites.</summary>
    public static ResultNode FixtureOf(ResultNode test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var suite = test.Parent ?? test;
        while (MethodSuites.Contains(suite.Node.TestType) && suite.Parent is not null)
        {
            suite = suite.Parent;
        }

        return suite;
    }

    private static void Visit(ResultNode node, Dictionary<ResultNode, List<ResultNode>> groups, List<ResultNode> order)
    {
        foreach (var child in node.Children)
        {
            if (!child.IsTest)
            {
                Visit(child, groups, order);
                continue;
            }

            var suite = FixtureOf(child);
            if (!groups.TryGetValue(suite, out var tests))
            {
                groups[suite] = tests = [];
                order.Add(suite);
            }

            tests.Add(child);
        }
    }
}
