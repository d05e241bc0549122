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
    int Durations)
{
    /// <summary>Where to write a JUnit XML result file (--junit), or null.</summary>
    public string? JUnitPath { get; init; }

    /// <summary>Where to write a TRX result file (--trx), or null.</summary>
    public string? TrxPath { get; init; }

    /// <summary>--list / --explore: print the selected tests instead of running them.</summary>
    public bool ListOnly { get; init; }
}
