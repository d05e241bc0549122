namespace Mproc.Tests.Infrastructure;

/// <summary>
/// What a plain serial NUnit run of the Outcomes suite (tests/TestAssets/Outcomes.Shared, the same on
/// NUnit 3.14, 4.4 and 5.0) reports with an empty filter. ReferenceRunTests pins these.
/// </summary>
public static class OutcomesAsset
{
    /// <summary>Test cases in the result, explicit one included (the test-run "total").</summary>
    public const int Total = 43;
    public const int Passed = 32;

    /// <summary>All failures: 3 assertion failures, the exception (Errors) and the 2 children of the broken fixture.</summary>
    public const int Failed = 6;

    /// <summary>Failed with label Error: the exception test and the 2 tests under the throwing OneTimeSetUp.</summary>
    public const int Errors = 3;
    public const int Warnings = 1;
    public const int Inconclusive = 1;

    /// <summary>Ignored (2: attribute and Assert.Ignore) plus the unselected explicit test.</summary>
    public const int Skipped = 3;
    public const int Ignored = 2;
    public const int Explicit = 1;

    /// <summary>Tests whose result is Failed with site Parent: the fixture whose OneTimeSetUp throws.</summary>
    public const int FailedBySiteParent = 2;

    /// <summary>
    /// Fixtures whose OneTimeSetUp runs in a full run, each logging one "onetimesetup" line: 14 classes
    /// (all derive from LoggedFixture), the parameterized one twice.
    /// </summary>
    public const int Fixtures = 15;

    /// <summary>
    /// Tests that log a "test" line in a full run: all but the 2 skipped before they start (ignored by
    /// attribute, explicit) and the 2 under the throwing OneTimeSetUp.
    /// </summary>
    public const int LoggedTests = 39;

    public const string BrokenFixture = "Outcomes.Setup.BrokenOneTimeSetUpFixture";
    public const string ExplicitTest = "Outcomes.Basic.SkippedTests.IsExplicit";
    public const string FailingAssertionTest = "Outcomes.Basic.FailingTests.FailsAnAssertion";
    public const string ErrorTest = "Outcomes.Basic.FailingTests.ThrowsAnException";
    public const string ConsoleOutTest = "Outcomes.Basic.OutputTests.WritesToConsoleOut";
    public const string ConsoleErrorTest = "Outcomes.Basic.OutputTests.WritesToConsoleError";
    public const string ConsoleOutLine = "hello from Console.Out";

    /// <summary>Written to Console.Error: NUnit reports it as a live output event only, not in the result XML.</summary>
    public const string ConsoleErrorLine = "hello from Console.Error";

    /// <summary>Written by the Console.Error test to TestContext.Progress in two pieces.</summary>
    public const string ProgressLine = "progress: one whole line";
    public const string WorkerIdentityTest = "Outcomes.Basic.WorkerIdentityTests.WorkerIdIsWithinWorkerCount";

    /// <summary>Environment variable naming the folder where the suite appends "{pid}.log" lines (see AssetLog in the suite).</summary>
    public const string LogDirectoryVariable = "MPROC_ASSET_LOG_DIR";

    public static ReferenceTotals ExpectedTotals { get; } =
        new(Total, Passed, Failed, Errors, Warnings, Inconclusive, Skipped, Ignored, Explicit);
}
