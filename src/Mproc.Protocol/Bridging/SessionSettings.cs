namespace Mproc.Protocol.Bridging;

/// <summary>How a session loads and selects. <paramref name="FilterXml"/> is NUnit filter XML, empty for all.</summary>
public sealed record SessionSettings(string FilterXml, int RandomSeed, int OrdinalOffset, string WorkDirectory);
