using Xunit;

namespace Mproc.Tests.Infrastructure;

/// <summary>
/// What the Crashy suite (tests/TestAssets/Crashy.NUnit4) reports when nothing crashes: 6 crash/hang
/// tests that pass, 6 fixtures x (6 passing + 1 failing) tests, a fixture whose constructor throws
/// (its 2 tests fail with an error), a fixture of 3 passing tests whose OneTimeSetUp can crash, and
/// 6 passing tests that come last (one of them can write more output than a protocol frame holds).
/// </summary>
public static class CrashyAsset
{
    /// <summary>The variable that makes the crash tests crash: exit, failfast, stackoverflow, thread, sigkill, hang, onetimesetup, all.</summary>
    public const string ModeVariable = "CRASHY_MODE";

    public const int Total = 59;

    public static string Path => TestAssets.CrashyNUnit4;

    /// <summary>The 6 failing NormalTests and the 2 tests of the throwing constructor.</summary>
    public const int Failed = 8;

    public const string CrashingFixture = "Crashy.CrashingTests";

    public const string ThrowingConstructorFixture = "Crashy.ThrowingConstructorTests";

    public const string OneTimeSetUpCrashFixture = "Crashy.OneTimeSetUpCrashTests";

    /// <summary>Each crash kind, the test that does it, and how the worker's end is described.</summary>
    public static TheoryData<string, string, string> CrashKinds() => new()
    {
        { "exit", "ExitsWithCode3", "exit code 3" },
        { "failfast", "FailsFast", "signal SIGABRT, exit code 134" },
        { "stackoverflow", "OverflowsTheStack", "signal SIGABRT, exit code 134" },
        { "thread", "ThrowsOnABackgroundThread", "signal SIGABRT, exit code 134" },
        { "sigkill", "KillsItsOwnProcess", "signal SIGKILL, exit code 137" },
    };

    /// <summary>The result every test has when it does not crash: Passed, except the failing ones.</summary>
    public static string ExpectedResultWithoutCrash(string fullName) =>
        fullName.EndsWith(".Fails", StringComparison.Ordinal) || fullName.StartsWith(ThrowingConstructorFixture + ".", StringComparison.Ordinal)
            ? "Failed"
            : "Passed";
}
