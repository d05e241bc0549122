namespace Mproc.Protocol.Bridging;

/// <summary>
/// How a session selects and orders its tests. <paramref name="FilterXml"/> is NUnit filter XML,
/// empty for all; ordinals start at <paramref name="OrdinalOffset"/>; <paramref name="ExpectedSeconds"/>
/// are the tests' durations in an earlier run (none without history), used to put longer work first;
/// <paramref name="ReorderTests"/> also puts longer tests first inside a fixture (by default NUnit's
/// order stays there). The rest are NUnit's settings for the run (read by NUnit when the run starts):
/// culture names (null: the machine's) and the default timeout of a test in milliseconds (0: none).
/// (The work directory and test parameters are NUnit's load settings: the session is made with them.)
/// <paramref name="FailedFirst"/> are the full names of tests that go first
/// (--failed-first), before every other rule but non-parallelizable work.
/// </summary>
public sealed record SessionSettings(
    string FilterXml,
    int OrdinalOffset,
    Messages.ExpectedDurations ExpectedSeconds,
    bool ReorderTests = false,
    string? DefaultCulture = null,
    string? DefaultUICulture = null,
    int DefaultTimeout = 0,
    IReadOnlyCollection<string>? FailedFirst = null);
