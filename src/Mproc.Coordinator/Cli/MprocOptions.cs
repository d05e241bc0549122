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
    string? Jobserver = null)
{
    public const int DefaultMaxWorkerRestarts = 4;

    /// <summary>--max-worker-restarts: how many lost workers are replaced before the rest of the run is given up.</summary>
    public int MaxWorkerRestarts { get; init; } = DefaultMaxWorkerRestarts;

    /// <summary>--test-timeout: a test running longer fails and its worker is killed and replaced; null means no limit.</summary>
    public TimeSpan? TestTimeout { get; init; }

    /// <summary>Where to write a JUnit XML result file (--junit), or null.</summary>
    public string? JUnitPath { get; init; }

    /// <summary>Where to write a TRX result file (--trx), or null.</summary>
    public string? TrxPath { get; init; }

    /// <summary>--list / --explore: print the selected tests instead of running them.</summary>
    public bool ListOnly { get; init; }

    /// <summary>--framework: the target framework a multi-targeted test project given as input is built and run for, or null.</summary>
    public string? Framework { get; init; }

    /// <summary>--no-ci-output: no job summary or annotations on GitHub Actions / Azure Pipelines.</summary>
    public bool NoCiOutput { get; init; }

    /// <summary>--reorder-tests: tests inside a fixture also run longest first (by default in NUnit's order).</summary>
    public bool ReorderTests { get; init; }

    /// <summary>NUnit's settings for the run: --testparam/--params/--settings, --set-culture, --set-ui-culture, --workdirectory.</summary>
    public NUnitRunSettings NUnit { get; init; } = NUnitRunSettings.None;

    /// <summary>One-line notices about the options (e.g. runsettings entries that are not used), printed before the run.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>--labels: test names on the console, as nunit3-console writes them.</summary>
    public LabelMode Labels { get; init; }

    /// <summary>--teamcity: true or false when given; null lets TEAMCITY_VERSION decide.</summary>
    public bool? TeamCity { get; init; }

    /// <summary>--queue and the build it names: this run is one node of a build shared through Redis; null runs on this machine alone.</summary>
    public Distributed.QueueSettings? Queue { get; init; }

    /// <summary>--max-fail (-x is 1): after this many failed tests nothing more starts; 0 for no limit.</summary>
    public int MaxFail { get; init; }

    /// <summary>--last-failed: run only the tests that failed when they last ran (all when none did).</summary>
    public bool LastFailed { get; init; }

    /// <summary>--failed-first: the tests that failed when they last ran go first.</summary>
    public bool FailedFirst { get; init; }

    /// <summary>--looponfail / --watch: run, then re-run on every change of the test project's sources.</summary>
    public bool Watch { get; init; }

    /// <summary>Run only the tests of these full names (within --where); null for the whole selection. Set by the watch loop.</summary>
    public IReadOnlyList<string>? OnlyTests { get; init; }
}
