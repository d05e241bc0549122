namespace Mproc.Coordinator.Running;

/// <summary>What every worker of one run is told, and the run's identity.</summary>
public sealed record RunSettings(
    string RunId,
    string Secret,
    int WorkerCount,
    IReadOnlyList<string> Assemblies,
    string FilterXml,
    int RandomSeed);
