using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Bridging;

/// <summary>
/// The worker side of a session: decides, as NUnit reaches them, which tests and suites run here,
/// and receives their results. Called on NUnit's executing thread.
/// </summary>
public interface ITestSessionHost
{
    /// <summary>
    /// True when the test with this ordinal runs in this worker; asks the coordinator when nobody has it
    /// yet. Also asked for a test NUnit reports finished without starting it (a suite skipped or failed
    /// as a whole), whose result is this worker's to report when this is true.
    /// </summary>
    bool ShouldRunTest(int ordinal);

    /// <summary>True when any selected test with an ordinal in [first, last] runs in this worker.</summary>
    bool ShouldRunSuite(int firstOrdinal, int lastOrdinal);

    void TestStarted(int ordinal);

    /// <summary>A suite that runs here is starting, before its one-time setup; <paramref name="nodeIndex"/> as for <see cref="SuiteFinished"/>.</summary>
    void SuiteStarted(int nodeIndex);

    void TestFinished(int ordinal, TestOutcome outcome);

    /// <summary>NUnit went past a test of this worker's and reports no result for it (see <see cref="Messages.TestUnreported"/>).</summary>
    void TestUnreported(int ordinal);

    /// <summary>
    /// Text a test wrote to a live stream (NUnit's TestOutput: "Progress", "Error"), possibly part of
    /// a line; <paramref name="ordinal"/> is the running test's, -1 outside a test. May be called
    /// from any thread the test writes on.
    /// </summary>
    void TestOutput(int ordinal, string stream, string text)
    {
    }

    /// <summary><paramref name="nodeIndex"/> indexes <see cref="ITestSession.Discovery"/>'s nodes.</summary>
    void SuiteFinished(int nodeIndex, TestOutcome outcome);
}
