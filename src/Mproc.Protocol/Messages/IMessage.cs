namespace Mproc.Protocol.Messages;

/// <summary>A message that travels in one frame. Its <see cref="TypeId"/> is pinned by tests and never reused.</summary>
public interface IMessage
{
    MessageTypeId TypeId { get; }
}
