using System.Buffers;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport;

/// <summary>
/// Finds whole frames (<see cref="FrameLayout"/>) at the front of buffered bytes that may lie in many
/// segments, as a <see cref="System.IO.Pipelines.PipeReader"/> hands them out. Copies nothing: the body
/// is a slice of the input.
/// </summary>
public static class FrameParser
{
    /// <summary>
    /// Takes the first frame off the front of <paramref name="buffer"/>: true with its type id and body,
    /// <paramref name="buffer"/> then starting after it; false, with <paramref name="buffer"/> unchanged,
    /// when the frame is not wholly there yet. A length out of range throws <see cref="ProtocolException"/>
    /// as soon as its 4 bytes are there.
    /// </summary>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, out MessageTypeId typeId, out ReadOnlySequence<byte> body)
    {
        typeId = default;
        body = default;
        var reader = new SequenceReader<byte>(buffer);
        Span<byte> header = stackalloc byte[FrameLayout.HeaderSize];
        if (!reader.TryCopyTo(header[..FrameLayout.LengthPrefixSize]))
        {
            return false;
        }

        int length = FrameLayout.ReadLength(header);
        if (reader.Remaining < FrameLayout.LengthPrefixSize + length)
        {
            return false;
        }

        // L is at least the type id's size, so the whole header is there.
        reader.TryCopyTo(header);
        typeId = FrameLayout.ReadTypeId(header);
        reader.Advance(FrameLayout.HeaderSize);
        body = reader.UnreadSequence.Slice(0, length - FrameLayout.TypeIdSize);
        buffer = buffer.Slice(body.End);
        return true;
    }
}
