using System.Buffers.Binary;
using System.Text;

namespace Mproc.Protocol.Codec;

/// <summary>
/// Reads MessagePack values (https://github.com/msgpack/msgpack/blob/master/spec.md) from a span.
/// Integers are accepted in any encoding that holds the value. Malformed or truncated input, and a
/// value of another type than the one asked for, throw <see cref="ProtocolException"/>; the reader's
/// position is then unspecified. Invalid UTF-8 in a str is decoded with U+FFFD in its place.
/// </summary>
public ref struct MessagePackReader
{
    private readonly ReadOnlySpan<byte> data;
    private int position;

    public MessagePackReader(ReadOnlySpan<byte> data)
    {
        this.data = data;
    }

    /// <summary>Bytes read so far.</summary>
    public readonly int Consumed => position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => position >= data.Length;

    /// <summary>The type of the next value, without reading it.</summary>
    public readonly MessagePackType PeekType()
    {
        if (End)
        {
            throw Truncated();
        }

        return MessagePackCode.TypeOf(data[position]);
    }

    /// <summary>Reads a nil and returns true, or reads nothing and returns false.</summary>
    public bool TryReadNil()
    {
        if (PeekType() != MessagePackType.Nil)
        {
            return false;
        }

        position++;
        return true;
    }

    public void ReadNil()
    {
        if (!TryReadNil())
        {
            throw WrongType(MessagePackType.Nil);
        }
    }

    public bool ReadBoolean()
    {
        switch (PeekCode())
        {
            case MessagePackCode.False:
                position++;
                return false;
            case MessagePackCode.True:
                position++;
                return true;
            default:
                throw WrongType(MessagePackType.Boolean);
        }
    }

    public int ReadInt32()
    {
        long value = ReadInt64();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new ProtocolException($"MessagePack: integer {value} does not fit in a 32-bit integer.");
        }

        return (int)value;
    }

    public long ReadInt64()
    {
        byte code = PeekCode();
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            position++;
            return code;
        }

        if (code >= MessagePackCode.MinNegativeFixInt)
        {
            position++;
            return unchecked((sbyte)code);
        }

        switch (code)
        {
            case MessagePackCode.UInt8:
            case MessagePackCode.UInt16:
            case MessagePackCode.UInt32:
            case MessagePackCode.UInt64:
                ulong unsigned = ReadUInt64();
                if (unsigned > long.MaxValue)
                {
                    throw new ProtocolException($"MessagePack: integer {unsigned} does not fit in a 64-bit signed integer.");
                }

                return (long)unsigned;
            case MessagePackCode.Int8:
                return unchecked((sbyte)Take(2)[1]);
            case MessagePackCode.Int16:
                return BinaryPrimitives.ReadInt16BigEndian(Take(3)[1..]);
            case MessagePackCode.Int32:
                return BinaryPrimitives.ReadInt32BigEndian(Take(5)[1..]);
            case MessagePackCode.Int64:
                return BinaryPrimitives.ReadInt64BigEndian(Take(9)[1..]);
            default:
                throw WrongType(MessagePackType.Integer);
        }
    }

    public ulong ReadUInt64()
    {
        byte code = PeekCode();
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            position++;
            return code;
        }

        switch (code)
        {
            case MessagePackCode.UInt8:
                return Take(2)[1];
            case MessagePackCode.UInt16:
                return BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
            case MessagePackCode.UInt32:
                return BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]);
            case MessagePackCode.UInt64:
                return BinaryPrimitives.ReadUInt64BigEndian(Take(9)[1..]);
            default:
                if (PeekType() == MessagePackType.Integer)
                {
                    long signed = ReadInt64();
                    if (signed < 0)
                    {
                        throw new ProtocolException($"MessagePack: integer {signed} is negative where an unsigned integer is expected.");
                    }

                    return (ulong)signed;
                }

                throw WrongType(MessagePackType.Integer);
        }
    }

    /// <summary>Reads a float64 or float32, or an integer as a double.</summary>
    public double ReadDouble()
    {
        switch (PeekCode())
        {
            case MessagePackCode.Float64:
                return BinaryPrimitives.ReadDoubleBigEndian(Take(9)[1..]);
            case MessagePackCode.Float32:
                return BinaryPrimitives.ReadSingleBigEndian(Take(5)[1..]);
            default:
                if (PeekType() == MessagePackType.Integer)
                {
                    return ReadInt64();
                }

                throw WrongType(MessagePackType.Float);
        }
    }

    /// <summary>Reads a str; nil is a wrong type here (see <see cref="ReadNullableString"/>).</summary>
    public string ReadString()
    {
        int length = ReadStringHeader();
        return Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>Reads a str, or nil as null.</summary>
    public string? ReadNullableString() => TryReadNil() ? null : ReadString();

    /// <summary>Reads a bin; the result points into the reader's input.</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        int length;
        switch (PeekCode())
        {
            case MessagePackCode.Bin8:
                length = Take(2)[1];
                break;
            case MessagePackCode.Bin16:
                length = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
                break;
            case MessagePackCode.Bin32:
                length = ReadLength32();
                break;
            default:
                throw WrongType(MessagePackType.Binary);
        }

        return Take(length);
    }

    /// <summary>Reads an array header and returns how many values follow.</summary>
    public int ReadArrayHeader()
    {
        byte code = PeekCode();
        int count;
        if (code is >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray)
        {
            position++;
            count = code & 0x0f;
        }
        else if (code == MessagePackCode.Array16)
        {
            count = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
        }
        else if (code == MessagePackCode.Array32)
        {
            count = ReadLength32();
        }
        else
        {
            throw WrongType(MessagePackType.Array);
        }

        // Each value takes at least one byte: a larger count cannot be honest, and would make callers allocate for it.
        EnsureAvailable(count);
        return count;
    }

    /// <summary>Reads a map header and returns how many key/value pairs follow.</summary>
    public int ReadMapHeader()
    {
        byte code = PeekCode();
        int count;
        if (code is >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap)
        {
            position++;
            count = code & 0x0f;
        }
        else if (code == MessagePackCode.Map16)
        {
            count = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
        }
        else if (code == MessagePackCode.Map32)
        {
            count = ReadLength32();
        }
        else
        {
            throw WrongType(MessagePackType.Map);
        }

        EnsureAvailable((long)count * 2);
        return count;
    }

    /// <summary>Skips one value of any type, including nested arrays and maps and ext values.</summary>
    public void Skip()
    {
        // Iterative, so hostile nesting cannot overflow the stack.
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            byte code = PeekCode();
            switch (MessagePackCode.TypeOf(code))
            {
                case MessagePackType.Nil:
                case MessagePackType.Boolean:
                    position++;
                    break;
                case MessagePackType.Integer:
                    ReadInt64OrUInt64();
                    break;
                case MessagePackType.Float:
                    Take(code == MessagePackCode.Float32 ? 5 : 9);
                    break;
                case MessagePackType.String:
                    Take(ReadStringHeader());
                    break;
                case MessagePackType.Binary:
                    ReadBinary();
                    break;
                case MessagePackType.Array:
                    pending += ReadArrayHeader();
                    break;
                case MessagePackType.Map:
                    pending += 2L * ReadMapHeader();
                    break;
                case MessagePackType.Extension:
                    SkipExtension(code);
                    break;
                default:
                    throw new ProtocolException($"MessagePack: byte 0x{code:x2} is not a valid type code.");
            }
        }
    }

    private void ReadInt64OrUInt64()
    {
        if (PeekCode() == MessagePackCode.UInt64)
        {
            ReadUInt64();
        }
        else
        {
            ReadInt64();
        }
    }

    private void SkipExtension(byte code)
    {
        // Every ext value is: its header, a one-byte ext type, then its data.
        int dataLength = code switch
        {
            MessagePackCode.FixExt1 => SkipCode(thenLength: 1),
            MessagePackCode.FixExt2 => SkipCode(thenLength: 2),
            MessagePackCode.FixExt4 => SkipCode(thenLength: 4),
            MessagePackCode.FixExt8 => SkipCode(thenLength: 8),
            MessagePackCode.FixExt16 => SkipCode(thenLength: 16),
            MessagePackCode.Ext8 => Take(2)[1],
            MessagePackCode.Ext16 => BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]),
            MessagePackCode.Ext32 => ReadLength32(),
            _ => throw WrongType(MessagePackType.Extension),
        };
        Take(1 + dataLength);
    }

    private int SkipCode(int thenLength)
    {
        position++;
        return thenLength;
    }

    private int ReadStringHeader()
    {
        byte code = PeekCode();
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
        {
            position++;
            return code & 0x1f;
        }

        return code switch
        {
            MessagePackCode.Str8 => Take(2)[1],
            MessagePackCode.Str16 => BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]),
            MessagePackCode.Str32 => ReadLength32(),
            _ => throw WrongType(MessagePackType.String),
        };
    }

    /// <summary>Reads a code byte and a 32-bit length; lengths past the end of input are rejected here.</summary>
    private int ReadLength32()
    {
        uint length = BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]);
        EnsureAvailable(length);
        return (int)length;
    }

    private readonly byte PeekCode()
    {
        if (End)
        {
            throw Truncated();
        }

        return data[position];
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        EnsureAvailable(count);
        ReadOnlySpan<byte> taken = data.Slice(position, count);
        position += count;
        return taken;
    }

    private readonly void EnsureAvailable(long count)
    {
        if (count > data.Length - position)
        {
            throw Truncated();
        }
    }

    private readonly ProtocolException Truncated() =>
        new($"MessagePack: input ends early (at byte {position} of {data.Length}).");

    private readonly ProtocolException WrongType(MessagePackType expected)
    {
        byte code = data[position];
        string actual = code == MessagePackCode.NeverUsed ? "the invalid byte 0xc1" : MessagePackCode.TypeOf(code).ToString();
        return new ProtocolException($"MessagePack: expected {expected} at byte {position}, found {actual} (0x{code:x2}).");
    }
}
