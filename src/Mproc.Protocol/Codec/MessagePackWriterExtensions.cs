using System.Buffers.Binary;
using MessagePack;

namespace Mproc.Protocol.Codec;

/// <summary>What the wire contract writes beyond the library's primitives.</summary>
public static class MessagePackWriterExtensions
{
    /// <summary>
    /// The ext type of a string that is not well-formed UTF-16 (a lone surrogate): its UTF-16 code
    /// units, little-endian. UTF-8 cannot carry such a string; every other string is a str.
    /// </summary>
    public const sbyte Utf16TextExtension = 1;

    /// <summary>Writes a str, or nil when <paramref name="value"/> is null; see <see cref="Utf16TextExtension"/>.</summary>
    public static void WriteText(ref this MessagePackWriter writer, string? value)
    {
        // A vectorized search clears nearly every string: only one with a surrogate is looked at further.
        if (value is null || !value.AsSpan().ContainsAnyInRange('\ud800', '\udfff') || IsWellFormed(value))
        {
            writer.Write(value);
            return;
        }

        int length = value.Length * sizeof(char);
        writer.WriteExtensionFormatHeader(new ExtensionHeader(Utf16TextExtension, length));
        Span<byte> span = writer.GetSpan(length);
        for (int i = 0; i < value.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[(i * 2)..], value[i]);
        }

        writer.Advance(length);
    }

    private static bool IsWellFormed(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
