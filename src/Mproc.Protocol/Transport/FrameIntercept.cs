using System.Buffers;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport;

/// <summary>
/// Sees a frame before <see cref="PipeFrameReader"/> decodes it: a message returned stands for the frame;
/// null decodes it. The body's bytes are the reader's again once the call returns: copy what is kept.
/// </summary>
public delegate IMessage? FrameIntercept(MessageTypeId typeId, ReadOnlySequence<byte> body);
