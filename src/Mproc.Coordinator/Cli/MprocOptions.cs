namespace Mproc.Coordinator.Cli;

/// <summary>A parsed, validated command line. <c>TimingsPath</c> is null with --no-timings; <c>Durations</c> 0 prints none.</summary>
public sealed record MprocOptions(
    IReadOnlyList<string> Assemblies,
    int Workers,
    string CoresText,
    bool DisableMproc,
    string? Where,
    string? ResultPath,
    int? RandomSeed,
    bool Verbose,
    string CommandLine,
    string? TimingsPath,
    int Durations,
    string? Jobserver = null);
