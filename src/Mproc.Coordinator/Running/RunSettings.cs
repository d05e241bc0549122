namespace Mproc.Coordinator.Running;

/// <summary>What every worker of one run is told, and the run's identity. <c>Timings</c> come from an earlier run.</summary>
public sealed record RunSettings(
    string RunId,
    string Secret,
    int WorkerCount,
    IReadOnlyList<string> Assemblies,
    string FilterXml,
    int RandomSeed,
    IReadOnlyList<Protocol.Messages.TestTiming> Timings)
{
    /// <summary>--reorder-tests: workers also put longer tests first inside fixtures.</summary>
    public bool ReorderTests { get; init; }

    /// <summary>NUnit's run settings every worker applies: test parameters, cultures, work directory, default timeout.</summary>
    public Cli.NUnitRunSettings NUnit { get; init; } = Cli.NUnitRunSettings.None;

    /// <summary>--max-fail: after this many failed tests nothing more starts; 0 for no limit.</summary>
    public int MaxFail { get; init; }

    /// <summary>--failed-first: full names of the tests that failed when they last ran, which workers put first; null for none.</summary>
    public IReadOnlyList<string>? FailedFirst { get; init; }

    /// <summary>This machine is one node of a build shared through a queue: its workers run only the units it leases (see TestRun's Leased).</summary>
    public bool Shared { get; init; }
}
