namespace Mproc.Protocol.Messages;

/// <summary>
/// The answer to a <see cref="GlobalFixtureRequest"/> (coordinator to worker, and fixture host to
/// coordinator): the fixture's value as System.Text.Json text, or the error every test that asks for
/// it fails with. <paramref name="FixtureType"/> repeats the request's fixture type where answers may
/// come in another order than the requests (from the fixture host); null otherwise.
/// </summary>
public sealed record GlobalFixtureValue(string? Json, string? Error, string? FixtureType = null) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.GlobalFixtureValue;
}
