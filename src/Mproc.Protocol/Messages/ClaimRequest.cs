namespace Mproc.Protocol.Messages;

/// <summary>
/// Worker to coordinator: the worker has reached the test with ordinal <paramref name="Position"/>
/// and does not know who runs it. Every test before it has been decided.
/// </summary>
public sealed record ClaimRequest(int Position) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.ClaimRequest;
}
