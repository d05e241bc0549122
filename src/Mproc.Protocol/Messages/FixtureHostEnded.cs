namespace Mproc.Protocol.Messages;

/// <summary>Fixture host to coordinator, the answer to <see cref="FixtureHostEnd"/>: one line per TearDown that failed.</summary>
public sealed record FixtureHostEnded(IReadOnlyList<string> Problems) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.FixtureHostEnded;
}
