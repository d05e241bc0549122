using System.Buffers;
using MessagePack;

namespace Mproc.Protocol.Codec;

/// <summary>What the wire contract reads beyond the library's primitives.</summary>
public static class MessagePackReaderExtensions
{
    /// <summary>
    /// Reads a str, or a string that is not well-formed UTF-16 as the writer sends it (see
    /// <see cref="MessagePackWriterExtensions.Utf16TextExtension"/>); nil is a wrong type here
    /// (see <see cref="ReadNullableText"/>).
    /// </summary>
    public static string ReadText(ref this MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.String:
                return reader.ReadString()!;
            case MessagePackType.Extension:
                return ReadUtf16Text(ref reader);
            default:
                throw WrongType(ref reader, "a string");
        }
    }

    /// <summary>Reads a str, or nil as null.</summary>
    public static string? ReadNullableText(ref this MessagePackReader reader) =>
        reader.TryReadNil() ? null : reader.ReadText();

    /// <summary>Reads a bin; the result points into the reader's input.</summary>
    public static ReadOnlySequence<byte> ReadBinary(ref this MessagePackReader reader) =>
        reader.NextMessagePackType == MessagePackType.Binary
            ? reader.ReadBytes()!.Value
            : throw WrongType(ref reader, "a bin");

    /// <summary>
    /// Skips one value of any type. Unlike the library's Skip, which recurses into arrays and maps,
    /// this walks them iteratively, so hostile nesting cannot overflow the stack.
    /// </summary>
    public static void SkipValue(ref this MessagePackReader reader)
    {
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.Array:
                    pending += reader.ReadArrayHeader();
                    break;
                case MessagePackType.Map:
                    pending += 2L * reader.ReadMapHeader();
                    break;
                case MessagePackType.Unknown:
                    throw WrongType(ref reader, "a value");
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private static string ReadUtf16Text(ref MessagePackReader reader)
    {
        var peek = reader.CreatePeekReader();
        var header = peek.ReadExtensionFormatHeader();
        if (header.TypeCode != MessagePackWriterExtensions.Utf16TextExtension || header.Length % 2 != 0)
        {
            throw new ProtocolException(
                $"MessagePack: expected a string at byte {reader.Consumed}, found ext type {header.TypeCode} of {header.Length} bytes.");
        }

        var units = reader.ReadExtensionFormat().Data;
        return string.Create((int)(units.Length / 2), units, static (chars, units) =>
        {
            var reader = new SequenceReader<byte>(units);
            for (int i = 0; i < chars.Length; i++)
            {
                reader.TryReadLittleEndian(out short unit);
                chars[i] = (char)unit;
            }
        });
    }

    private static ProtocolException WrongType(ref MessagePackReader reader, string expected)
    {
        byte code = reader.NextCode;
        return new ProtocolException(
            $"MessagePack: expected {expected} at byte {reader.Consumed}, found {reader.NextMessagePackType} (0x{code:x2}).");
    }
}
