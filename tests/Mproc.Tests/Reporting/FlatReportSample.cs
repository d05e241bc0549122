using Mproc.Coordinator.Results;
using static Mproc.Tests.Reporting.TreeBuilder;

namespace Mproc.Tests.Reporting;

/// <summary>A run with every kind of result, for the JUnit and TRX writer tests.</summary>
internal static class FlatReportSample
{
    public static AggregatedRun Build(string runId = "0123456789abcdef0123456789abcdef")
    {
        var tree = new TreeBuilder();
        var alpha = tree.Assembly("/t/Alpha.dll");
        var ns = tree.Suite(alpha, "TestSuite", "Ns");
        var calc = tree.Suite(ns, "TestFixture", "Calc", null, "Category", "Math");
        var add = tree.Suite(calc, "ParameterizedMethod", "Add");
        tree.Test(add, "Add(1,2)", Passed(startSeconds: 1, asserts: 2), "Category", "Fast");
        tree.Test(add, "Add(2,3)", Passed(startSeconds: 2, asserts: 3));
        tree.Test(calc, "Sub", Failed(startSeconds: 3));
        tree.Test(calc, "Later", Outcome("Skipped", "Ignored", message: "not yet", asserts: 0));
        tree.Test(calc, "Maybe", Outcome("Inconclusive", message: "no data", asserts: 0));
        tree.Test(calc, "Careful", Outcome("Warning", message: "careful", output: "some output\n", asserts: 0));
        var broken = tree.Suite(ns, "TestFixture", "Broken",
            Outcome("Failed", "Error", "SetUp", "System.Exception : db down", "at Broken.Setup()", asserts: 0));
        tree.Test(broken, "Never", Outcome("Failed", "Error", "Parent", "OneTimeSetUp: System.Exception : db down", asserts: 0));
        tree.Test(broken, "NotRun", null);
        var beta = tree.Assembly("/t/Beta.dll");
        var other = tree.Suite(tree.Suite(beta, "TestSuite", "Other"), "TestFixture", "Fixture");
        tree.Test(other, "Pass", Passed(startSeconds: 4, asserts: 1));
        tree.Test(other, "Odd]]>\u001b[31m", Outcome("Failed", message: "bad ]]> text \u0007", output: "ansi \u001b[0m"));
        var report = Report(alpha, beta) with { RunId = runId };
        return ResultAggregator.Aggregate(report);
    }
}
