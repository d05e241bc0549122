namespace Mproc.Protocol.Bridging;

/// <summary>
/// How a session selects and orders its tests. <paramref name="FilterXml"/> is NUnit filter XML,
/// empty for all; ordinals start at <paramref name="OrdinalOffset"/>; <paramref name="ExpectedSeconds"/>
/// are the tests' durations in an earlier run (none without history), used to put longer work first;
/// <paramref name="ReorderTests"/> also puts longer tests first inside a fixture (by default NUnit's
/// order stays there). <paramref name="FailedFirst"/> are the full names of tests that go first
/// (--failed-first), before every other rule but non-parallelizable work.
/// </summary>
public sealed record SessionSettings(
    string FilterXml,
    int OrdinalOffset,
    Messages.ExpectedDurations ExpectedSeconds,
    bool ReorderTests = false,
    IReadOnlyCollection<string>? FailedFirst = null);
