namespace Mproc.Protocol.Messages;

/// <summary>
/// Coordinator to worker. <paramref name="Mine"/>: tests this worker now owns; <paramref name="Taken"/>:
/// tests granted to other workers since this worker's previous grant. Both are ordinal ranges
/// flattened as start, count, start, count, ... When <paramref name="QueueEmpty"/> is true nothing
/// more will ever be granted, so every test still unknown to the worker belongs to someone else.
/// </summary>
public sealed record ClaimGrant(IReadOnlyList<int> Mine, IReadOnlyList<int> Taken, bool QueueEmpty) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.ClaimGrant;
}
