namespace Mproc.Protocol.Messages;

/// <summary>
/// Fixture host to coordinator, before and after it runs a fixture's code (<paramref name="Stage"/> is
/// <c>SetUp</c> or <c>TearDown</c>), so that when the host dies the coordinator can say in which
/// fixture's code, as a worker says which test it is running.
/// </summary>
public sealed record FixtureHostStage(string Fixture, string Stage, bool Ended) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.FixtureHostStage;
}
