using MessagePack;

namespace Mproc.Protocol.Codec;

/// <summary>What the wire contract writes beyond the library's primitives.</summary>
public static class MessagePackWriterExtensions
{
    /// <summary>Writes a str, or nil when <paramref name="value"/> is null.</summary>
    public static void WriteText(ref this MessagePackWriter writer, string? value) => writer.Write(value);
}
