using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport;

/// <summary>Sees a frame before <see cref="FrameReader"/> decodes it: a message returned stands for the frame; null decodes it.</summary>
public delegate IMessage? FrameIntercept(MessageTypeId typeId, ReadOnlySpan<byte> body);
