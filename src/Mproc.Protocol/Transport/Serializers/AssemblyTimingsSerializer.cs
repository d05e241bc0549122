using System.Buffers;
using System.Buffers.Binary;
using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>
/// AssemblyTimings as a MessagePack map keyed by field number; the durations are one bin of
/// 16-byte entries (name hash, then seconds as an IEEE 754 double, both little-endian), so that
/// thousands of them cost one copy to send and one pass to read.
/// </summary>
internal static class AssemblyTimingsSerializer
{
    private const int AssemblyKey = 0;
    private const int DurationsKey = 1;
    private const int EntrySize = 16;

    public static void Write(ref MessagePackWriter writer, AssemblyTimings value)
    {
        writer.WriteMapHeader(2);
        writer.Write(AssemblyKey);
        writer.WriteText(value.Assembly);
        writer.Write(DurationsKey);
        var durations = value.Durations;
        var entries = new byte[durations.Count * EntrySize];
        for (var i = 0; i < durations.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(entries.AsSpan(i * EntrySize), durations.KeyAt(i));
            BinaryPrimitives.WriteDoubleLittleEndian(entries.AsSpan((i * EntrySize) + 8), durations.SecondsAt(i));
        }

        writer.Write(entries);
    }

    public static AssemblyTimings Read(ref MessagePackReader reader)
    {
        string assembly = string.Empty;
        var durations = ExpectedDurations.None;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case AssemblyKey:
                    assembly = reader.ReadText();
                    break;
                case DurationsKey:
                    var entries = reader.ReadBinary();
                    durations = ReadDurations(entries.IsSingleSegment ? entries.FirstSpan : entries.ToArray());
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new AssemblyTimings(assembly, durations);
    }

    private static ExpectedDurations ReadDurations(ReadOnlySpan<byte> entries)
    {
        if (entries.Length % EntrySize != 0)
        {
            throw new ProtocolException($"durations take {entries.Length} bytes, not a multiple of {EntrySize}");
        }

        var durations = new ExpectedDurations.Builder(entries.Length / EntrySize);
        for (var at = 0; at < entries.Length; at += EntrySize)
        {
            durations.Add(BinaryPrimitives.ReadUInt64LittleEndian(entries[at..]), BinaryPrimitives.ReadDoubleLittleEndian(entries[(at + 8)..]));
        }

        return durations.Build();
    }
}
