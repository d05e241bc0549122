namespace Mproc.Coordinator.Cli;

/// <summary>A parsed, validated command line.</summary>
public sealed record MprocOptions(
    IReadOnlyList<string> Assemblies,
    int Workers,
    string CoresText,
    bool DisableMproc,
    string? Where,
    string? ResultPath,
    int? RandomSeed,
    bool Verbose,
    string CommandLine);
