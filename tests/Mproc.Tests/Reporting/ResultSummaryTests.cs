using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Results;
using Xunit;
using static Mproc.Tests.Reporting.TreeBuilder;

namespace Mproc.Tests.Reporting;

public sealed class ResultSummaryTests
{
    private readonly TreeBuilder _tree = new();

    [Fact]
    public void From_EveryKindOfResult_CountsLikeNUnitConsole()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "Fixture");
        _tree.Test(fixture, "Pass", Passed());
        _tree.Test(fixture, "Failure", Failed());
        _tree.Test(fixture, "Error", Outcome("Failed", "Error", message: "boom"));
        _tree.Test(fixture, "Cancelled", Outcome("Failed", "Cancelled"));
        _tree.Test(fixture, "Invalid", Outcome("Failed", "Invalid", message: "bad signature"));
        _tree.Test(fixture, "Warn", Outcome("Warning"));
        _tree.Test(fixture, "Maybe", Outcome("Inconclusive"));
        _tree.Test(fixture, "Ignored", Outcome("Skipped", "Ignored"));
        _tree.Test(fixture, "Explicit", Outcome("Skipped", "Explicit"));
        _tree.Test(fixture, "Other", Outcome("Skipped"));

        var summary = ResultSummary.From(Report(root));

        Assert.Equal(10, summary.TestCount);
        Assert.Equal(1, summary.PassCount);
        Assert.Equal((1, 2, 1), (summary.FailureCount, summary.ErrorCount, summary.InvalidCount));
        Assert.Equal(4, summary.FailedCount);
        Assert.Equal(1, summary.WarningCount);
        Assert.Equal(1, summary.InconclusiveCount);
        Assert.Equal((1, 1, 1), (summary.IgnoreCount, summary.ExplicitCount, summary.SkipCount));
        Assert.Equal(3, summary.TotalSkipCount);
        Assert.Equal(0, summary.NotRunCount);
        Assert.Equal("Failed", summary.OverallResult);
        Assert.Equal(10, summary.AssertCount);
        Assert.Equal(8.0, summary.DurationSeconds, 6);
        Assert.Equal(RunStart, summary.StartUtc);
    }

    [Fact]
    public void From_FixtureTearDownError_CountsItsRunTestsAsErrors()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "Fixture", Outcome("Failed", "Error", "TearDown", "TearDown : boom"));
        _tree.Test(fixture, "Pass", Passed());
        _tree.Test(fixture, "Warn", Outcome("Warning"));
        _tree.Test(fixture, "Ignored", Outcome("Skipped", "Ignored"));

        var summary = ResultSummary.From(Report(root));

        Assert.Equal(0, summary.PassCount);
        Assert.Equal(0, summary.WarningCount);
        Assert.Equal(2, summary.ErrorCount);
        Assert.Equal(1, summary.IgnoreCount);
    }

    [Fact]
    public void From_InvalidAssembly_CountsInvalidAssembly()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        root.Outcome = Outcome("Failed", "Invalid", "SetUp", "Could not load");
        _tree.Test(_tree.Suite(root, "TestFixture", "F"), "T", Outcome("Failed", "Invalid", "Parent"));

        var summary = ResultSummary.From(Report(root));

        Assert.Equal(1, summary.InvalidAssemblies);
        Assert.False(summary.UnexpectedError);
        Assert.Equal(1, summary.InvalidCount);
    }

    [Fact]
    public void From_AssemblyError_IsUnexpectedError()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        root.Outcome = Outcome("Failed", "Error", "SetUp", "SetUpFixture threw");
        _tree.Test(_tree.Suite(root, "TestFixture", "F"), "T", Outcome("Failed", "Error", "Parent"));

        var summary = ResultSummary.From(Report(root));

        Assert.True(summary.UnexpectedError);
    }

    [Fact]
    public void From_InterruptedRun_CountsNotRunTestsAsOtherSkipped()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "F");
        _tree.Test(fixture, "A", Passed());
        _tree.Test(fixture, "B", null);
        _tree.Test(fixture, "C", null);

        var summary = ResultSummary.From(Report(root));

        Assert.True(summary.Interrupted);
        Assert.Equal(2, summary.NotRunCount);
        Assert.Equal(2, summary.SkipCount);
        Assert.Equal(("Failed", ResultLabels.Cancelled), (summary.OverallResult, summary.OverallLabel));
    }
}
