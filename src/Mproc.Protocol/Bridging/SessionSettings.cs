namespace Mproc.Protocol.Bridging;

/// <summary>
/// How a session loads, orders and selects. <paramref name="FilterXml"/> is NUnit filter XML, empty
/// for all; <paramref name="ExpectedSeconds"/> maps a test's full name to its duration in an earlier
/// run (empty without history), used to put longer work first.
/// </summary>
public sealed record SessionSettings(
    string FilterXml,
    int RandomSeed,
    int OrdinalOffset,
    string WorkDirectory,
    IReadOnlyDictionary<string, double> ExpectedSeconds);
