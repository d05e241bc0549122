using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Bridging;

/// <summary>
/// One NUnit session over one test assembly, implemented by Mproc.NUnitBridge inside the test
/// assembly's load context. Construction loads the assembly and builds NUnit's test tree (which
/// needs only the random seed, so a worker can do it before the coordinator has answered);
/// <see cref="SelectTests"/> then applies the run's filter and order.
/// </summary>
public interface ITestSession
{
    /// <summary>The selected tests, in run order, once <see cref="SelectTests"/> has run.</summary>
    AssemblyDiscovery Discovery { get; }

    /// <summary>
    /// Selects and orders the tests for a run; ordinals start at <see cref="SessionSettings.OrdinalOffset"/>
    /// and node indexes at <paramref name="nodeOffset"/>. Called once, before <see cref="Run"/>.
    /// </summary>
    void SelectTests(SessionSettings settings, int nodeOffset);

    /// <summary>
    /// Runs the session to its end, asking <paramref name="host"/> which tests are this worker's. The
    /// loaded tests are left as they were, so a session can run again (with another host).
    /// </summary>
    void Run(ITestSessionHost host);
}
