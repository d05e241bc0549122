using Mproc.Coordinator.Reporting;
using Xunit;
using static Mproc.Tests.Reporting.TreeBuilder;

namespace Mproc.Tests.Reporting;

public sealed class ExitCodesTests
{
    private readonly TreeBuilder _tree = new();

    [Fact]
    public void Constants_AreTheDocumentedValues()
    {
        Assert.Equal(
            (0, -1, -2, -3, -4, -6, -7, -100, 100),
            (ExitCodes.Ok, ExitCodes.InvalidArgument, ExitCodes.InvalidAssembly, ExitCodes.Interrupted, ExitCodes.InvalidTestFixture,
                ExitCodes.DiscoveryMismatch, ExitCodes.WorkerRestartsExhausted, ExitCodes.UnexpectedError, ExitCodes.MaxFailureCount));
    }

    /// <summary>nunit3-console (3.13 and later) returns 0, -1, -2, -4 and -100; nunit-mproc's own conditions must not look like one of them.</summary>
    [Fact]
    public void OwnConditions_UseCodesNUnit3ConsoleDoesNot()
    {
        int[] nunit3Console = [0, -1, -2, -4, -100];

        Assert.DoesNotContain(ExitCodes.Interrupted, nunit3Console);
        Assert.DoesNotContain(ExitCodes.DiscoveryMismatch, nunit3Console);
        Assert.DoesNotContain(ExitCodes.WorkerRestartsExhausted, nunit3Console);
    }

    [Theory]
    [InlineData("TestFixture")]
    [InlineData("ParameterizedMethod")]
    [InlineData("SetUpFixture")]
    public void FromSummary_NotRunnableSuite_IsInvalidTestFixture(string suiteType)
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var healthy = _tree.Suite(root, "TestFixture", "Healthy");
        _tree.Test(healthy, "Fails", Outcome("Failed"));
        var invalid = _tree.Suite(root, suiteType, "Broken", Outcome("Failed", "Invalid", "SetUp"));
        _tree.Test(invalid, "T", Outcome("Failed", "Invalid", "Parent"));

        var summary = ResultSummary.From(Report(root));

        Assert.Equal(1, summary.InvalidTestFixtures);
        Assert.Equal(ExitCodes.InvalidTestFixture, ExitCodes.FromSummary(summary));
    }

    [Fact]
    public void FromSummary_InvalidTestCaseOnly_IsItsCount()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        _tree.Test(_tree.Suite(root, "TestFixture", "F"), "BadSignature", Outcome("Failed", "Invalid"));

        Assert.Equal(1, ExitCodes.FromSummary(ResultSummary.From(Report(root))));
    }

    [Fact]
    public void FromSummary_NoFailures_IsOk()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "F");
        _tree.Test(fixture, "A", Passed());
        _tree.Test(fixture, "B", Outcome("Warning"));
        _tree.Test(fixture, "C", Outcome("Skipped", "Ignored"));

        Assert.Equal(ExitCodes.Ok, ExitCodes.FromSummary(ResultSummary.From(Report(root))));
    }

    [Fact]
    public void FromSummary_FailuresErrorsAndInvalid_IsTheirSum()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "F");
        _tree.Test(fixture, "A", Failed());
        _tree.Test(fixture, "B", Outcome("Failed", "Error"));
        _tree.Test(fixture, "C", Outcome("Failed", "Invalid"));
        _tree.Test(fixture, "D", Passed());

        Assert.Equal(3, ExitCodes.FromSummary(ResultSummary.From(Report(root))));
    }

    [Fact]
    public void FromSummary_ManyFailures_IsCappedAtOneHundred()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "F");
        for (var i = 0; i < 150; i++)
        {
            _tree.Test(fixture, "T" + i, Failed());
        }

        Assert.Equal(100, ExitCodes.FromSummary(ResultSummary.From(Report(root))));
    }

    [Fact]
    public void FromSummary_InterruptedRun_IsInterruptedEvenWithFailures()
    {
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "F");
        _tree.Test(fixture, "A", Failed());
        _tree.Test(fixture, "B", null);

        Assert.Equal(ExitCodes.Interrupted, ExitCodes.FromSummary(ResultSummary.From(Report(root))));
    }

    [Theory]
    [InlineData("Invalid", ExitCodes.InvalidAssembly)]
    [InlineData("Error", ExitCodes.UnexpectedError)]
    public void FromSummary_BrokenAssembly_IsNegative(string label, int expected)
    {
        var root = _tree.Assembly("/t/Tests.dll");
        root.Outcome = Outcome("Failed", label, "SetUp");
        _tree.Test(_tree.Suite(root, "TestFixture", "F"), "T", Outcome("Failed", label, "Parent"));

        Assert.Equal(expected, ExitCodes.FromSummary(ResultSummary.From(Report(root))));
    }
}
