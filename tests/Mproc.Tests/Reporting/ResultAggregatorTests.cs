using Xunit;
using Mproc.Coordinator.Results;
using static Mproc.Tests.Reporting.TreeBuilder;

namespace Mproc.Tests.Reporting;

public sealed class ResultAggregatorTests
{
    private readonly TreeBuilder _tree = new();

    [Fact]
    public void Aggregate_FailingChild_SuiteIsFailedAtChildSite()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "Fixture");
        _tree.Test(fixture, "A", Passed());
        _tree.Test(fixture, "B", Failed());

        var run = ResultAggregator.Aggregate(Report(root));

        var result = run.ResultOf(fixture);
        Assert.Equal(("Failed", "", "Child"), (result.Status, result.Label, result.Site));
        Assert.Equal("One or more child tests had errors", result.Message);
        Assert.Equal(new ResultCounts(2, 1, 1, 0, 0, 0, 2), result.Counts);
        Assert.Equal("Failed", run.ResultOf(root).Status);
        Assert.Equal("Failed", run.Run.Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Aggregate_IgnoredChildWithPassedSibling_SuiteIsIgnoredAtChildSite(bool passedFirst)
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "Fixture");
        if (passedFirst)
        {
            _tree.Test(fixture, "A", Passed());
        }

        _tree.Test(fixture, "B", Outcome("Skipped", "Ignored", message: "not today", asserts: 0));
        if (!passedFirst)
        {
            _tree.Test(fixture, "A", Passed());
        }

        var result = ResultAggregator.Aggregate(Report(root)).ResultOf(fixture);

        Assert.Equal(("Skipped", "Ignored", "Child"), (result.Status, result.Label, result.Site));
        Assert.Equal("One or more child tests were ignored", result.Message);
        Assert.Equal(new ResultCounts(2, 1, 0, 0, 0, 1, 1), result.Counts);
    }

    [Fact]
    public void Aggregate_OnlyExplicitChildren_SuiteStaysInconclusive()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "Fixture");
        _tree.Test(fixture, "A", Outcome("Skipped", "Explicit", asserts: 0));

        var result = ResultAggregator.Aggregate(Report(root)).ResultOf(fixture);

        Assert.Equal("Inconclusive", result.Status);
        Assert.Equal(1, result.Counts.Skipped);
    }

    [Fact]
    public void Aggregate_WarningChild_SuiteIsWarningUnlessAnotherChildFailed()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var warned = _tree.Suite(root, "TestFixture", "Warned");
        _tree.Test(warned, "A", Passed());
        _tree.Test(warned, "B", Outcome("Warning", message: "careful"));
        var mixed = _tree.Suite(root, "TestFixture", "Mixed");
        _tree.Test(mixed, "A", Failed());
        _tree.Test(mixed, "B", Outcome("Warning", message: "careful"));

        var run = ResultAggregator.Aggregate(Report(root));

        var warning = run.ResultOf(warned);
        Assert.Equal(("Warning", "Child", "One or more child tests had warnings"), (warning.Status, warning.Site, warning.Message));
        Assert.Equal(1, warning.Counts.Warnings);
        Assert.Equal("Failed", run.ResultOf(mixed).Status);
        Assert.Equal(new ResultCounts(4, 1, 1, 2, 0, 0, 4), run.ResultOf(root).Counts);
    }

    [Fact]
    public void Aggregate_OneTimeSetUpFailureOnFixture_FixtureKeepsSetUpSiteAndParentFailsAtChild()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var ns = _tree.Suite(root, "TestSuite", "Ns");
        var fixture = _tree.Suite(ns, "TestFixture", "Fixture",
            Outcome("Failed", "Error", "SetUp", "System.Exception : db down", "at Fixture.OneTimeSetUp()"));
        _tree.Test(fixture, "A", Outcome("Failed", "Error", "Parent", "OneTimeSetUp: System.Exception : db down"));
        _tree.Test(fixture, "B", Outcome("Failed", "Error", "Parent", "OneTimeSetUp: System.Exception : db down"));

        var run = ResultAggregator.Aggregate(Report(root));

        var result = run.ResultOf(fixture);
        Assert.Equal(("Failed", "Error", "SetUp"), (result.Status, result.Label, result.Site));
        Assert.Equal("System.Exception : db down", result.Message);
        Assert.Equal("at Fixture.OneTimeSetUp()", result.StackTrace);
        Assert.Equal(2, result.Counts.Failed);
        var parent = run.ResultOf(ns);
        Assert.Equal(("Failed", "", "Child"), (parent.Status, parent.Label, parent.Site));
    }

    [Fact]
    public void Aggregate_IgnoredFixture_SuiteIsIgnoredAtSetUpSite()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "Fixture", Outcome("Skipped", "Ignored", "SetUp", "later", asserts: 0));
        _tree.Test(fixture, "A", Outcome("Skipped", "Ignored", "Parent", "OneTimeSetUp: later", asserts: 0));

        var run = ResultAggregator.Aggregate(Report(root));

        var result = run.ResultOf(fixture);
        Assert.Equal(("Skipped", "Ignored", "SetUp", "later"), (result.Status, result.Label, result.Site, result.Message));
        Assert.Equal(("Skipped", "Ignored", "Child"), (run.ResultOf(root).Status, run.ResultOf(root).Label, run.ResultOf(root).Site));
    }

    [Fact]
    public void Aggregate_OneTimeTearDownError_TearDownWinsAndKeepsChildMessage()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "Fixture",
            Outcome("Failed", "Error", "TearDown", "TearDown : System.Exception : cleanup", "--TearDown\nat Fixture.Cleanup()"));
        _tree.Test(fixture, "A", Failed());
        _tree.Test(fixture, "B", Passed());

        var result = ResultAggregator.Aggregate(Report(root)).ResultOf(fixture);

        Assert.Equal(("Failed", "Error", "TearDown"), (result.Status, result.Label, result.Site));
        Assert.StartsWith("One or more child tests had errors", result.Message, StringComparison.Ordinal);
        Assert.EndsWith("TearDown : System.Exception : cleanup", result.Message, StringComparison.Ordinal);
        Assert.Equal(new ResultCounts(2, 1, 1, 0, 0, 0, 2), result.Counts);
    }

    [Fact]
    public void Aggregate_SuiteOutcomeDerivedByOneWorker_IsRecomputedFromMergedChildren()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "Fixture", Outcome("Inconclusive", asserts: 0));
        _tree.Test(fixture, "A", Passed());

        var result = ResultAggregator.Aggregate(Report(root)).ResultOf(fixture);

        Assert.Equal(("Passed", "Test"), (result.Status, result.Site));
        Assert.Null(result.Message);
    }

    [Fact]
    public void Aggregate_NestedSuites_CountsAndTimesRollUp()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var ns = _tree.Suite(root, "TestSuite", "Ns");
        var fixture = _tree.Suite(ns, "TestFixture", "Fixture");
        var method = _tree.Suite(fixture, "ParameterizedMethod", "Add");
        _tree.Test(method, "Add(1,2)", Passed(startSeconds: 1, asserts: 2));
        _tree.Test(method, "Add(2,3)", Passed(startSeconds: 3, asserts: 3));
        _tree.Test(fixture, "Plain", Outcome("Inconclusive", startSeconds: 0.25, durationSeconds: 0.25, asserts: 0));

        var run = ResultAggregator.Aggregate(Report(root));

        var methodResult = run.ResultOf(method);
        Assert.Equal(new ResultCounts(2, 2, 0, 0, 0, 0, 5), methodResult.Counts);
        Assert.Equal(RunStart.AddSeconds(1), methodResult.StartUtc);
        Assert.Equal(RunStart.AddSeconds(3.5), methodResult.EndUtc);
        Assert.Equal(2.5, methodResult.DurationSeconds, 6);
        var rootResult = run.ResultOf(root);
        Assert.Equal("Passed", rootResult.Status);
        Assert.Equal(new ResultCounts(3, 2, 0, 0, 1, 0, 5), rootResult.Counts);
        Assert.Equal(3, rootResult.TestCaseCount);
        Assert.Equal(RunStart.AddSeconds(0.25), rootResult.StartUtc);
        Assert.Equal(3.25, rootResult.DurationSeconds, 6);
    }

    [Fact]
    public void Aggregate_CancelledChild_SuiteIsCancelledEvenIfLaterChildrenPass()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "Fixture");
        _tree.Test(fixture, "A", Outcome("Failed", "Cancelled", message: "Test cancelled by user"));
        _tree.Test(fixture, "B", Failed());
        _tree.Test(fixture, "C", Passed());

        var result = ResultAggregator.Aggregate(Report(root)).ResultOf(fixture);

        Assert.Equal(("Failed", "Cancelled"), (result.Status, result.Label));
    }

    [Fact]
    public void Aggregate_TestWithoutOutcome_IsNotRunAndRunIsCancelled()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "Fixture");
        _tree.Test(fixture, "A", Passed());
        var notRun = _tree.Test(fixture, "B", null);

        var run = ResultAggregator.Aggregate(Report(root));

        var result = run.ResultOf(notRun);
        Assert.True(result.NotRun);
        Assert.Equal(("Skipped", "Cancelled", ResultAggregator.NotRunMessage), (result.Status, result.Label, result.Message));
        Assert.Equal("Passed", run.ResultOf(fixture).Status);
        Assert.Equal(("Failed", "Cancelled"), (run.Run.Status, run.Run.Label));
    }

    [Theory]
    [InlineData("Passed", "Passed", "Passed", "")]
    [InlineData("Passed", "Failed", "Failed", "")]
    [InlineData("Passed", "Ignored", "Skipped", "Ignored")]
    [InlineData("Warning", "Passed", "Warning", "")]
    public void Aggregate_SeveralAssemblies_RunResultCombinesThemLikeTheEngine(string first, string second, string status, string label)
    {
        var a = _tree.Assembly("/t/A.dll");
        _tree.Test(_tree.Suite(a, "TestFixture", "F"), "T", OutcomeFor(first));
        var b = _tree.Assembly("/t/B.dll");
        _tree.Test(_tree.Suite(b, "TestFixture", "F"), "T", OutcomeFor(second));

        var run = ResultAggregator.Aggregate(Report(a, b));

        Assert.Equal((status, label), (run.Run.Status, run.Run.Label));
        Assert.Equal(2, run.Run.TestCaseCount);
    }

    private static Mproc.Protocol.Messages.TestOutcome OutcomeFor(string kind) => kind switch
    {
        "Ignored" => Outcome("Skipped", "Ignored", asserts: 0),
        "Failed" => Failed(),
        _ => Outcome(kind),
    };
}
