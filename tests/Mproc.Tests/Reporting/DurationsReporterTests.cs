using System.Globalization;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Scheduling;
using Xunit;
using static Mproc.Tests.Reporting.TreeBuilder;

namespace Mproc.Tests.Reporting;

public sealed class DurationsReporterTests
{
    private readonly TreeBuilder _tree = new();

    [Fact]
    public void Write_ListsTheSlowestFixtures_ByTheSumOfTheirTests_OverEveryWorker()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var ns = _tree.Suite(root, "TestSuite", "Ns");
        var many = _tree.Suite(ns, "TestFixture", "ManyQuick");
        for (var i = 0; i < 5; i++)
        {
            _tree.Test(many, "Q" + i, Outcome("Passed", durationSeconds: 1.0)).WorkerId = i % 2;
        }

        var one = _tree.Suite(ns, "TestFixture", "OneSlow");
        _tree.Test(one, "Slow", Outcome("Passed", durationSeconds: 4.0));
        var parameterized = _tree.Suite(ns, "TestFixture", "Cases");
        var method = _tree.Suite(parameterized, "ParameterizedMethod", "Case");
        _tree.Test(method, "Case(1)", Outcome("Passed", durationSeconds: 0.5));
        _tree.Test(method, "Case(2)", Outcome("Passed", durationSeconds: 0.25));

        var lines = Write(Report(root), 2);

        var fixtures = lines.SkipWhile(l => l != "Slowest 2 fixtures").Skip(1).Take(2).ToList();
        Assert.Equal(["      5.000s  worker 0,1 Ns.ManyQuick (5 tests)", "      4.000s  worker 1   Ns.OneSlow (1 tests)"], fixtures);
        Assert.Equal("      4.000s  worker 1   Ns.OneSlow.Slow", lines[lines.IndexOf("Slowest 2 tests") + 1]);
        Assert.DoesNotContain(lines, l => l.Contains("Ns.Cases", StringComparison.Ordinal));
        Assert.DoesNotContain("Slowest 0 groups", lines);
    }

    [Fact]
    public void Write_FixtureOfParameterizedCases_IsTheClassNotTheMethod()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "Cases");
        var method = _tree.Suite(fixture, "ParameterizedMethod", "Case");
        _tree.Test(method, "Case(1)", Outcome("Passed", durationSeconds: 0.5));
        _tree.Test(method, "Case(2)", Outcome("Passed", durationSeconds: 0.25));

        var lines = Write(Report(root), 5);

        Assert.Contains("      0.750s  worker 1   Cases (2 tests)", lines);
    }

    [Fact]
    public void Write_ListsTheSlowestGroups_MarkingThoseOfOneNode()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var cache = _tree.Suite(root, "TestFixture", "Cache", null, WorkPlan.GroupProperty, "cache", WorkPlan.GroupScopeProperty, "Node");
        _tree.Test(cache, "Fills", Outcome("Passed", durationSeconds: 2.0)).WorkerId = 0;
        _tree.Test(cache, "Reads", Outcome("Passed", durationSeconds: 1.0)).WorkerId = 1;
        var db = _tree.Suite(root, "TestFixture", "Db", null, WorkPlan.GroupProperty, "db");
        _tree.Test(db, "Saves", Outcome("Passed", durationSeconds: 1.0));

        var lines = Write(Report(root), 5);

        var groups = lines.SkipWhile(l => l != "Slowest 2 groups").Skip(1).Take(2).ToList();
        Assert.Equal(["      3.000s  worker 0,1 cache [node] (2 tests)", "      1.000s  worker 1   db (1 tests)"], groups);
    }

    private static List<string> Write(Mproc.Coordinator.Results.RunReport report, int count)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        DurationsReporter.Write(writer, report, count);
        return [.. writer.ToString().Split(Environment.NewLine)];
    }
}
