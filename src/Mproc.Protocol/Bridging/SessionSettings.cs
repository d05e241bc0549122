namespace Mproc.Protocol.Bridging;

/// <summary>
/// How a session selects and orders its tests. <paramref name="FilterXml"/> is NUnit filter XML,
/// empty for all; ordinals start at <paramref name="OrdinalOffset"/>; <paramref name="ExpectedSeconds"/>
/// are the tests' durations in an earlier run (none without history), used to put longer work first;
/// <paramref name="ReorderTests"/> also puts longer tests first inside a fixture (by default NUnit's
/// order stays there). The rest are NUnit's settings for the run (read by NUnit when the run starts):
/// culture names (null: the machine's), the work directory (null: as loaded) and the default
/// timeout of a test in milliseconds (0: none).
/// </summary>
public sealed record SessionSettings(
    string FilterXml,
    int OrdinalOffset,
    Messages.ExpectedDurations ExpectedSeconds,
    bool ReorderTests = false,
    string? DefaultCulture = null,
    string? DefaultUICulture = null,
    string? WorkDirectory = null,
    int DefaultTimeout = 0);
