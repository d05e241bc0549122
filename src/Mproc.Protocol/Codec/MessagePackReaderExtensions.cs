using System.Buffers;
using MessagePack;

namespace Mproc.Protocol.Codec;

/// <summary>What the wire contract reads beyond the library's primitives.</summary>
public static class MessagePackReaderExtensions
{
    /// <summary>Reads a str; nil is a wrong type here (see <see cref="ReadNullableText"/>).</summary>
    public static string ReadText(ref this MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.String)
        {
            throw WrongType(ref reader, "a string");
        }

        return reader.ReadString()!;
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

    private static ProtocolException WrongType(ref MessagePackReader reader, string expected)
    {
        byte code = reader.NextCode;
        return new ProtocolException(
            $"MessagePack: expected {expected} at byte {reader.Consumed}, found {reader.NextMessagePackType} (0x{code:x2}).");
    }
}
