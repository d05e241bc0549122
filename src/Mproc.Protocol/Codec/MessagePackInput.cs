using System.Buffers;
using MessagePack;

namespace Mproc.Protocol.Codec;

/// <summary>
/// Runs a read over MessagePack bytes with the library's <see cref="MessagePackReader"/>. The one
/// place where what the library throws for malformed or truncated input becomes
/// <see cref="ProtocolException"/>.
/// </summary>
public static class MessagePackInput
{
    public delegate T Reading<in TState, out T>(ref MessagePackReader reader, TState state);

    public delegate T Reading<out T>(ref MessagePackReader reader);

    /// <summary>Reads <paramref name="data"/> with <paramref name="read"/>; malformed input throws <see cref="ProtocolException"/>.</summary>
    public static T Read<TState, T>(ReadOnlySequence<byte> data, TState state, Reading<TState, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var reader = new MessagePackReader(data);
        try
        {
            return read(ref reader, state);
        }
        catch (Exception ex) when (IsMalformedInput(ex))
        {
            throw new ProtocolException($"MessagePack: {ex.Message} (at byte {reader.Consumed} of {data.Length})", ex);
        }
    }

    /// <inheritdoc cref="Read{TState, T}"/>
    public static T Read<T>(ReadOnlyMemory<byte> data, Reading<T> read) =>
        Read(new ReadOnlySequence<byte>(data), read, static (ref MessagePackReader reader, Reading<T> read) => read(ref reader));

    // The reader throws EndOfStreamException when input ends early (also for a length or count past
    // the end), MessagePackSerializationException for a wrong or invalid type code, and
    // OverflowException when an integer or a count does not fit the type asked for, and
    // ArgumentOutOfRangeException for a str, bin or ext length of 2^31 or more (it turns negative).
    private static bool IsMalformedInput(Exception ex) =>
        ex is EndOfStreamException or MessagePackSerializationException or OverflowException or ArgumentOutOfRangeException;
}
