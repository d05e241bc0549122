using System.Buffers;
using MessagePack;
using Mproc.Protocol.Codec;

namespace Mproc.Tests.Protocol;

internal static class CodecTestHelpers
{
    public delegate void WriteAction(ref MessagePackWriter writer);

    public static byte[] Encode(WriteAction write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static string Hex(WriteAction write) => Convert.ToHexStringLower(Encode(write));

    /// <summary>Writes bytes given in hex as they are: for encodings the writer never produces.</summary>
    public static void WriteRaw(ref MessagePackWriter writer, string hex) => writer.WriteRaw(Convert.FromHexString(hex));

    /// <summary>Reads <paramref name="data"/> as the wire contract does: malformed input is a ProtocolException.</summary>
    public static T Read<T>(byte[] data, MessagePackInput.Reading<T> read) => MessagePackInput.Read(data, read);

    public delegate void ReadAction(ref MessagePackReader reader);

    /// <inheritdoc cref="Read{T}"/>
    public static void Read(byte[] data, ReadAction read) =>
        MessagePackInput.Read(new ReadOnlySequence<byte>(data), read, static (ref MessagePackReader reader, ReadAction read) =>
        {
            read(ref reader);
            return 0;
        });
}
