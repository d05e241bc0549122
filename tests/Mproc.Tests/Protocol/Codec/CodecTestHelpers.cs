using System.Buffers;
using Mproc.Protocol.Codec;

namespace Mproc.Tests.Protocol;

internal static class CodecTestHelpers
{
    public delegate void WriteAction(MessagePackWriter writer);

    public static byte[] Encode(WriteAction write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new MessagePackWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    public static string Hex(WriteAction write) => Convert.ToHexStringLower(Encode(write));

    /// <summary>Writes bytes given in hex as they are: for encodings the writer never produces.</summary>
    public static void WriteRaw(MessagePackWriter writer, string hex) => writer.WriteRaw(Convert.FromHexString(hex));
}
