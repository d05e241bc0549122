namespace Mproc.GlobalFixtures;

/// <summary>What a global fixture's <see cref="IAsyncGlobalFixture{T}.SetUpAsync"/> is told of the run it serves.</summary>
public sealed class GlobalFixtureContext
{
    /// <summary>Creates a context; nunit-mproc makes one for each SetUp (and so may a test of a fixture).</summary>
    /// <param name="runId">See <see cref="RunId"/>.</param>
    /// <param name="workerCount">See <see cref="WorkerCount"/>.</param>
    /// <param name="testAssemblyDirectory">See <see cref="TestAssemblyDirectory"/>.</param>
    /// <param name="log">See <see cref="Log"/>.</param>
    public GlobalFixtureContext(string runId, int workerCount, string testAssemblyDirectory, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(testAssemblyDirectory);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(workerCount, 1);
        RunId = runId;
        WorkerCount = workerCount;
        TestAssemblyDirectory = testAssemblyDirectory;
        Log = log;
    }

    /// <summary>The run's id (what workers see as <c>MPROC_RUN_ID</c>); outside nunit-mproc, one per process.</summary>
    public string RunId { get; }

    /// <summary>How many worker processes run the tests (<c>--cores</c>); 1 outside nunit-mproc.</summary>
    public int WorkerCount { get; }

    /// <summary>The folder of the test assembly that holds the fixture.</summary>
    public string TestAssemblyDirectory { get; }

    /// <summary>
    /// Whole lines written here show in the run's output, prefixed with the fixture's name (under
    /// nunit-mproc, the coordinator's standard output; outside it, this process's standard output).
    /// </summary>
    public TextWriter Log { get; }
}
