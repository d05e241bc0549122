namespace Mproc.Coordinator.Results;

/// <summary>Everything the reporters need about a finished (or interrupted) run.</summary>
public sealed record RunReport(
    string RunId,
    DateTime StartUtc,
    DateTime EndUtc,
    int RandomSeed,
    int WorkerCount,
    string CommandLine,
    string WhereExpression,
    IReadOnlyList<AssemblyReport> Assemblies,
    IReadOnlyList<WorkerStats> Workers)
{
    public double DurationSeconds => (EndUtc - StartUtc).TotalSeconds;
}
