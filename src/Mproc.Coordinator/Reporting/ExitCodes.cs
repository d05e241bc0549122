namespace Mproc.Coordinator.Reporting;

/// <summary>
/// Process exit codes of nunit-mproc, the same scheme as nunit3-console (its ConsoleRunner): zero
/// when every test passed (or was skipped, warned or inconclusive), a positive count of failed
/// tests, or a negative code when the run itself went wrong. nunit3-console uses 0, -1, -2, -4 and
/// -100 (-3 and -5 are retired); nunit-mproc's own conditions take codes it does not use.
/// </summary>
public static class ExitCodes
{
    /// <summary>All tests ran and none failed.</summary>
    public const int Ok = 0;

    /// <summary>The largest positive code: 100 or more failed tests.</summary>
    public const int MaxFailureCount = 100;

    /// <summary>Bad command line (same as nunit3-console).</summary>
    public const int InvalidArgument = -1;

    /// <summary>A test assembly could not be found, loaded or run (same as nunit3-console).</summary>
    public const int InvalidAssembly = -2;

    /// <summary>
    /// The run was interrupted (cancelled, or the coordinator gave up) before every selected test
    /// ran. nunit3-console no longer uses -3 (it was FIXTURE_NOT_FOUND).
    /// </summary>
    public const int Interrupted = -3;

    /// <summary>
    /// A test suite below the assembly is not runnable (Failed, label Invalid: a fixture NUnit
    /// cannot construct, a parameterized method without usable arguments); as nunit3-console.
    /// </summary>
    public const int InvalidTestFixture = -4;

    /// <summary>Workers discovered different tests, so results could not be merged (nunit-mproc's own).</summary>
    public const int DiscoveryMismatch = -6;

    /// <summary>
    /// Workers kept crashing or hanging: more were lost than --max-worker-restarts allows, and the
    /// tests left were reported as not run. Takes precedence over the count of failed tests
    /// (nunit-mproc's own).
    /// </summary>
    public const int WorkerRestartsExhausted = -7;

    /// <summary>The shared queue (--queue) cannot be reached or used: unreachable, refused login, TLS failure. Nothing ran.</summary>
    public const int QueueUnavailable = -8;

    /// <summary>An unexpected error in nunit-mproc or an error in an assembly suite itself.</summary>
    public const int UnexpectedError = -100;

    /// <summary>
    /// The exit code for a finished run: UnexpectedError, InvalidAssembly, Interrupted,
    /// InvalidTestFixture in that order of precedence (nunit3-console's order, with Interrupted
    /// where it cannot arise), else failures + errors + invalid tests, capped at
    /// <see cref="MaxFailureCount"/>.
    /// </summary>
    public static int FromSummary(ResultSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.UnexpectedError)
        {
            return UnexpectedError;
        }

        if (summary.InvalidAssemblies > 0)
        {
            return InvalidAssembly;
        }

        if (summary.Interrupted)
        {
            return Interrupted;
        }

        if (summary.InvalidTestFixtures > 0)
        {
            return InvalidTestFixture;
        }

        return Math.Min(summary.FailedCount, MaxFailureCount);
    }
}
