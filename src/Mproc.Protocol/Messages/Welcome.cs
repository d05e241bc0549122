namespace Mproc.Protocol.Messages;

/// <summary>
/// The coordinator's answer to <see cref="Hello"/>: what to load and how.
/// <paramref name="FilterXml"/> is NUnit filter XML (empty for "everything").
/// <paramref name="Timings"/> are an earlier run's durations by assembly file name, which workers
/// use to put longer tests first (empty without history). <paramref name="ReorderTests"/> (--reorder-tests)
/// puts longer tests first inside fixtures too.
/// </summary>
public sealed record Welcome(
    int ProtocolVersion,
    string RunId,
    int WorkerCount,
    IReadOnlyList<string> Assemblies,
    string FilterXml,
    int RandomSeed,
    IReadOnlyList<AssemblyTimings> Timings,
    bool ReorderTests = false) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.Welcome;
}
