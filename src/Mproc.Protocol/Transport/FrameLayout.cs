using System.Buffers.Binary;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport;

/// <summary>
/// The byte layout of one frame on the pipe. All integers are big-endian (network order).
/// <code>
/// offset  size  field
/// 0       4     L: unsigned length of what follows, 2 &lt;= L &lt;= ProtocolConstants.MaxFrameLength
/// 4       2     message type id (<see cref="MessageTypeId"/>, unsigned)
/// 6       L-2   message body: one MessagePack map (<see cref="MessageSerializer"/>)
/// </code>
/// A length outside that range is a <see cref="ProtocolException"/>. A stream that ends between
/// frames, or inside one, is a clean end of the conversation: the peer is gone.
/// </summary>
public static class FrameLayout
{
    /// <summary>Size of the length prefix L.</summary>
    public const int LengthPrefixSize = 4;

    /// <summary>Size of the message type id that starts every frame's L bytes.</summary>
    public const int TypeIdSize = 2;

    /// <summary>Bytes before the body: length prefix and type id.</summary>
    public const int HeaderSize = LengthPrefixSize + TypeIdSize;

    /// <summary>Smallest valid L: a type id and an empty body.</summary>
    public const int MinLength = TypeIdSize;

    /// <summary>Largest valid L.</summary>
    public const int MaxLength = ProtocolConstants.MaxFrameLength;

    /// <summary>Reads L from the first 4 bytes of <paramref name="prefix"/> and checks its range.</summary>
    public static int ReadLength(ReadOnlySpan<byte> prefix)
    {
        uint length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (length is < MinLength or > MaxLength)
        {
            throw new ProtocolException(
                $"Frame length {length} is outside the valid range [{MinLength}, {MaxLength}].");
        }

        return (int)length;
    }

    /// <summary>Reads the type id that follows the length prefix; it is checked when the body is decoded.</summary>
    public static MessageTypeId ReadTypeId(ReadOnlySpan<byte> header) =>
        (MessageTypeId)BinaryPrimitives.ReadUInt16BigEndian(header[LengthPrefixSize..]);

    /// <summary>Writes the length prefix and type id of a frame whose body is <paramref name="bodyLength"/> bytes.</summary>
    public static void WriteHeader(Span<byte> header, MessageTypeId typeId, int bodyLength)
    {
        long length = (long)TypeIdSize + bodyLength;
        if (bodyLength < 0 || length > MaxLength)
        {
            throw new ProtocolException(
                $"A {typeId} message of {bodyLength} bytes does not fit in a frame (at most {MaxLength - TypeIdSize} bytes).");
        }

        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)length);
        BinaryPrimitives.WriteUInt16BigEndian(header[LengthPrefixSize..], (ushort)typeId);
    }
}
