namespace Mproc.Protocol.Messages;

/// <summary>
/// Coordinator to worker, the answer to a <see cref="GlobalFixtureRequest"/>: the fixture's value as
/// System.Text.Json text, or the error every test that asks for it fails with.
/// </summary>
public sealed record GlobalFixtureValue(string? Json, string? Error) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.GlobalFixtureValue;
}
