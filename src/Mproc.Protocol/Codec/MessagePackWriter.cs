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
            return;
        }

        if (value >= -32)
        {
            WriteCode(unchecked((byte)(sbyte)value));
        }
        else if (value >= sbyte.MinValue)
        {
            Span<byte> span = output.GetSpan(2);
            span[0] = MessagePackCode.Int8;
            span[1] = unchecked((byte)(sbyte)value);
            output.Advance(2);
        }
        else if (value >= short.MinValue)
        {
            Span<byte> span = output.GetSpan(3);
            span[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
            output.Advance(3);
        }
        else if (value >= int.MinValue)
        {
            Span<byte> span = output.GetSpan(5);
            span[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            output.Advance(5);
        }
        else
        {
            Span<byte> span = output.GetSpan(9);
            span[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            output.Advance(9);
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
            Span<byte> span = output.GetSpan(2);
            span[0] = MessagePackCode.UInt8;
            span[1] = (byte)value;
            output.Advance(2);
        }
        else if (value <= ushort.MaxValue)
        {
            Span<byte> span = output.GetSpan(3);
            span[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            output.Advance(3);
        }
        else if (value <= uint.MaxValue)
        {
            Span<byte> span = output.GetSpan(5);
            span[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            output.Advance(5);
        }
        else
        {
            Span<byte> span = output.GetSpan(9);
            span[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            output.Advance(9);
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
        if (value.Length <= byte.MaxValue)
        {
            Span<byte> header = output.GetSpan(2);
            header[0] = MessagePackCode.Bin8;
            header[1] = (byte)value.Length;
            output.Advance(2);
        }
        else if (value.Length <= ushort.MaxValue)
        {
            Span<byte> header = output.GetSpan(3);
            header[0] = MessagePackCode.Bin16;
            BinaryPrimitives.WriteUInt16BigEndian(header[1..], (ushort)value.Length);
            output.Advance(3);
        }
        else
        {
            Span<byte> header = output.GetSpan(5);
            header[0] = MessagePackCode.Bin32;
            BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)value.Length);
            output.Advance(5);
        }

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
        else if (byteCount <= byte.MaxValue)
        {
            Span<byte> span = output.GetSpan(2);
            span[0] = MessagePackCode.Str8;
            span[1] = (byte)byteCount;
            output.Advance(2);
        }
        else if (byteCount <= ushort.MaxValue)
        {
            Span<byte> span = output.GetSpan(3);
            span[0] = MessagePackCode.Str16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)byteCount);
            output.Advance(3);
        }
        else
        {
            Span<byte> span = output.GetSpan(5);
            span[0] = MessagePackCode.Str32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)byteCount);
            output.Advance(5);
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
            Span<byte> span = output.GetSpan(3);
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
            output.Advance(3);
        }
        else
        {
            Span<byte> span = output.GetSpan(5);
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
            output.Advance(5);
        }
    }

    private void WriteCode(byte code)
    {
        output.GetSpan(1)[0] = code;
        output.Advance(1);
    }
}
