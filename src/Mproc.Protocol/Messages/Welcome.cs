namespace Mproc.Protocol.Messages;

/// <summary>
/// The coordinator's answer to <see cref="Hello"/>: what to load and how.
/// <paramref name="FilterXml"/> is NUnit filter XML (empty for "everything").
/// <paramref name="Timings"/> are an earlier run's durations by assembly file name, which workers
/// use to put longer tests first (empty without history). <paramref name="ReorderTests"/> (--reorder-tests)
/// puts longer tests first inside fixtures too. The rest are NUnit's own run settings: <paramref name="TestParameters"/>
/// (TestContext.Parameters, needed when the assembly is loaded), <paramref name="DefaultCulture"/> and
/// <paramref name="DefaultUICulture"/> (culture names, null for the machine's), <paramref name="WorkDirectory"/>
/// (TestContext.WorkDirectory, null for the test assembly's folder) and <paramref name="DefaultTimeout"/>
/// (milliseconds, 0 for none). <paramref name="MaxFail"/> (--max-fail, 0 for no limit): once
/// that many tests have failed in the whole run, a worker starts no further test (see
/// <see cref="Transport.EventLogLayout"/> for how it learns of other workers' failures).
/// <paramref name="FailedFirst"/> (--failed-first): full names of the tests that failed last time,
/// which go first in the run order.
/// </summary>
public sealed record Welcome(
    int ProtocolVersion,
    string RunId,
    int WorkerCount,
    IReadOnlyList<string> Assemblies,
    string FilterXml,
    int RandomSeed,
    IReadOnlyList<AssemblyTimings> Timings,
    bool ReorderTests = false,
    IReadOnlyList<TestParameter>? TestParameters = null,
    string? DefaultCulture = null,
    string? DefaultUICulture = null,
    string? WorkDirectory = null,
    int DefaultTimeout = 0,
    int MaxFail = 0,
    IReadOnlyList<string>? FailedFirst = null) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.Welcome;

    /// <summary>The test parameters, never null.</summary>
    public IReadOnlyList<TestParameter> TestParameterList => TestParameters ?? [];
}
