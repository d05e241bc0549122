namespace Mproc.Protocol.Messages;

/// <summary>
/// Coordinator to fixture host: the run is over. The host cancels the fixtures' token, waits a little
/// for SetUps still running, tears every fixture down in reverse order of setup, answers with
/// <see cref="FixtureHostEnded"/> and exits.
/// </summary>
public sealed record FixtureHostEnd : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.FixtureHostEnd;
}
