using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Bridging;

/// <summary>
/// One NUnit session over one test assembly, implemented by Mproc.NUnitBridge inside the test
/// assembly's load context. Construction loads the assembly and discovers its selected tests.
/// </summary>
public interface ITestSession
{
    /// <summary>The selected tests, in run order; ordinals start at the offset given at construction.</summary>
    AssemblyDiscovery Discovery { get; }

    /// <summary>Runs the session to its end, asking <paramref name="host"/> which tests are this worker's.</summary>
    void Run(ITestSessionHost host);
}
