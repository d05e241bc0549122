using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Mproc.Protocol.Codec;

/// <summary>
/// Writes MessagePack values (https://github.com/msgpack/msgpack/blob/master/spec.md) to a buffer
/// writer, always in the smallest encoding the spec allows. Strings are UTF-8; a string that is not
/// well-formed UTF-16 (a lone surrogate) is written with U+FFFD in its place.
/// </summary>
public readonly ref struct MessagePackWriter
{
    private readonly IBufferWriter<byte> output;

    public MessagePackWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        this.output = output;
    }

    public void WriteNil() => WriteCode(MessagePackCode.Nil);

    public void WriteBoolean(bool value) => WriteCode(value ? MessagePackCode.True : MessagePackCode.False);

    public void WriteInt32(int value) => WriteInt64(value);

    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
        }
        else if (value >= -32)
        {
            WriteCode(unchecked((byte)(sbyte)value));
        }
        else if (value >= sbyte.MinValue)
        {
            WriteCode8(MessagePackCode.Int8, unchecked((byte)(sbyte)value));
        }
        else if (value >= short.MinValue)
        {
            WriteCode16(MessagePackCode.Int16, unchecked((ushort)(short)value));
        }
        else if (value >= int.MinValue)
        {
            WriteCode32(MessagePackCode.Int32, unchecked((uint)(int)value));
        }
        else
        {
            WriteCode64(MessagePackCode.Int64, unchecked((ulong)value));
        }
    }

    public void WriteUInt64(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            WriteCode((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            WriteCode8(MessagePackCode.UInt8, (byte)value);
        }
        else if (value <= ushort.MaxValue)
        {
            WriteCode16(MessagePackCode.UInt16, (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            WriteCode32(MessagePackCode.UInt32, (uint)value);
        }
        else
        {
            WriteCode64(MessagePackCode.UInt64, value);
        }
    }

    /// <summary>Always float64, so the value round-trips exactly.</summary>
    public void WriteDouble(double value)
    {
        Span<byte> span = output.GetSpan(9);
        span[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        output.Advance(9);
    }

    /// <summary>Writes a str, or nil when <paramref name="value"/> is null.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteNil();
            return;
        }

        WriteString(value.AsSpan());
    }

    public void WriteString(ReadOnlySpan<char> value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteStringHeader(byteCount);
        if (byteCount == 0)
        {
            return;
        }

        Span<byte> span = output.GetSpan(byteCount);
        int written = Encoding.UTF8.GetBytes(value, span);
        output.Advance(written);
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteLengthHeader(value.Length, MessagePackCode.Bin8, MessagePackCode.Bin16, MessagePackCode.Bin32);
        WriteRaw(value);
    }

    /// <summary>Starts an array of <paramref name="count"/> values; write them next.</summary>
    public void WriteArrayHeader(int count) =>
        WriteCollectionHeader(count, MessagePackCode.MinFixArray, MessagePackCode.Array16, MessagePackCode.Array32);

    /// <summary>Starts a map of <paramref name="count"/> entries; write key, value, key, value, ... next.</summary>
    public void WriteMapHeader(int count) =>
        WriteCollectionHeader(count, MessagePackCode.MinFixMap, MessagePackCode.Map16, MessagePackCode.Map32);

    /// <summary>Copies bytes that already are MessagePack (one or more whole values) as they are.</summary>
    public void WriteRaw(ReadOnlySpan<byte> encoded)
    {
        if (!encoded.IsEmpty)
        {
            encoded.CopyTo(output.GetSpan(encoded.Length));
            output.Advance(encoded.Length);
        }
    }

    private void WriteStringHeader(int byteCount)
    {
        if (byteCount <= MessagePackCode.FixStrMaxLength)
        {
            WriteCode((byte)(MessagePackCode.MinFixStr | byteCount));
        }
        else
        {
            WriteLengthHeader(byteCount, MessagePackCode.Str8, MessagePackCode.Str16, MessagePackCode.Str32);
        }
    }

    /// <summary>A str or bin header past the fix forms: the smallest of its 8, 16 and 32 bit lengths.</summary>
    private void WriteLengthHeader(int length, byte code8, byte code16, byte code32)
    {
        if (length <= byte.MaxValue)
        {
            WriteCode8(code8, (byte)length);
        }
        else if (length <= ushort.MaxValue)
        {
            WriteCode16(code16, (ushort)length);
        }
        else
        {
            WriteCode32(code32, (uint)length);
        }
    }

    private void WriteCollectionHeader(int count, byte fixCode, byte code16, byte code32)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= MessagePackCode.FixCollectionMaxCount)
        {
            WriteCode((byte)(fixCode | count));
        }
        else if (count <= ushort.MaxValue)
        {
            WriteCode16(code16, (ushort)count);
        }
        else
        {
            WriteCode32(code32, (uint)count);
        }
    }

    // A code byte followed by a big-endian value of 1, 2, 4 or 8 bytes.
    private void WriteCode8(byte code, byte value)
    {
        Span<byte> span = output.GetSpan(2);
        span[0] = code;
        span[1] = value;
        output.Advance(2);
    }

    private void WriteCode16(byte code, ushort value)
    {
        Span<byte> span = output.GetSpan(3);
        span[0] = code;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], value);
        output.Advance(3);
    }

    private void WriteCode32(byte code, uint value)
    {
        Span<byte> span = output.GetSpan(5);
        span[0] = code;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], value);
        output.Advance(5);
    }

    private void WriteCode64(byte code, ulong value)
    {
        Span<byte> span = output.GetSpan(9);
        span[0] = code;
        BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
        output.Advance(9);
    }

    private void WriteCode(byte code)
    {
        output.GetSpan(1)[0] = code;
        output.Advance(1);
    }
}
