using System.Buffers;
using Mproc.Protocol;
using MessagePack;
using Mproc.Protocol.Codec;
using Xunit;
using static Mproc.Tests.Protocol.CodecTestHelpers;

namespace Mproc.Tests.Protocol.Codec;

public class MessagePackSkipTests
{
    // One of every kind of value, nested: [1, -200, {"k": [nil, true, 1.5]}, "str", bin, float32, every ext form, 2^64-1].
    private static readonly byte[] EveryKind = Encode((ref MessagePackWriter writer) =>
    {
        writer.WriteArrayHeader(16);
        writer.Write(1);
        writer.Write(-200);
        writer.WriteMapHeader(2);
        writer.WriteText("k");
        writer.WriteArrayHeader(3);
        writer.WriteNil();
        writer.Write(true);
        writer.Write(1.5);
        writer.Write(7);
        writer.WriteMapHeader(0);
        writer.WriteText("str");
        writer.Write(new byte[70_000]);
        WriteRaw(ref writer, "ca3fc00000");
        WriteRaw(ref writer, "d401aa");
        WriteRaw(ref writer, "d501aabb");
        WriteRaw(ref writer, "d601aabbccdd");
        WriteRaw(ref writer, "d701" + new string('a', 16));
        WriteRaw(ref writer, "d801" + new string('b', 32));
        WriteRaw(ref writer, "c70301aabbcc");
        WriteRaw(ref writer, "c8000201aabb");
        WriteRaw(ref writer, "c90000000101aa");
        writer.Write(ulong.MaxValue);
        writer.WriteText(new string('s', 300));
    });

    [Fact]
    public void Skip_OfNestedValueOfEveryKind_LandsOnTheNextValue()
    {
        byte[] bytes = [.. EveryKind, .. Encode((ref MessagePackWriter writer) => writer.Write(12345))];

        var reader = new MessagePackReader(bytes);
        reader.SkipValue();

        Assert.Equal(EveryKind.Length, reader.Consumed);
        Assert.Equal(12345, reader.ReadInt32());
        Assert.True(reader.End);
    }

    [Fact]
    public void Skip_OfEveryProperPrefix_ThrowsProtocolException()
    {
        for (int cut = 0; cut < EveryKind.Length; cut += cut < 200 ? 1 : 997)
        {
            byte[] truncated = EveryKind[..cut];
            Assert.Throws<ProtocolException>(() => Read(truncated, (ref MessagePackReader r) => r.SkipValue()));
        }

        byte[] lastByteMissing = EveryKind[..^1];
        Assert.Throws<ProtocolException>(() => Read(lastByteMissing, (ref MessagePackReader r) => r.SkipValue()));
    }

    [Fact]
    public void Skip_OfDeepNesting_DoesNotOverflowTheStack()
    {
        const int Depth = 200_000;
        byte[] bytes = new byte[Depth + 1];
        Array.Fill(bytes, (byte)0x91, 0, Depth);
        bytes[Depth] = 0x90;

        var reader = new MessagePackReader(bytes);
        reader.SkipValue();

        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("c1")] // never used
    [InlineData("91c1")] // never used, nested
    [InlineData("dbffffffff")] // str32 longer than the input
    [InlineData("c6ffffffff00")] // bin32 longer than the input
    [InlineData("ddffffffff")] // array32 with more items than bytes
    [InlineData("dfffffffff")] // map32 with more entries than bytes
    [InlineData("c9ffffffff01")] // ext32 longer than the input
    [InlineData("cd00")] // uint16 cut short
    [InlineData("cb000000")] // float64 cut short
    [InlineData("82a161")] // map missing its values
    public void Skip_OfMalformedInput_ThrowsProtocolException(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.Throws<ProtocolException>(() => Read(bytes, (ref MessagePackReader r) => r.SkipValue()));
    }

    [Theory]
    [InlineData("dbffffffff")]
    [InlineData("d9ff61")]
    [InlineData("da0100")]
    public void ReadString_OfLengthBeyondInput_ThrowsProtocolException(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.Throws<ProtocolException>(() => Read(bytes, (ref MessagePackReader r) => r.ReadText()));
    }

    [Theory]
    [InlineData("ddffffffff")]
    [InlineData("dc0003")]
    [InlineData("930102")]
    public void ReadArrayHeader_OfCountBeyondInput_ThrowsProtocolException(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.Throws<ProtocolException>(() => Read(bytes, (ref MessagePackReader r) => r.ReadArrayHeader()));
    }

    [Fact]
    public void ReadMethods_AtEndOfInput_ThrowProtocolException()
    {
        Assert.Throws<ProtocolException>(() => Read([], (ref MessagePackReader r) => r.ReadInt32()));
        Assert.Throws<ProtocolException>(() => Read([], (ref MessagePackReader r) => r.ReadInt64()));
        Assert.Throws<ProtocolException>(() => Read([], (ref MessagePackReader r) => r.ReadUInt64()));
        Assert.Throws<ProtocolException>(() => Read([], (ref MessagePackReader r) => r.ReadBoolean()));
        Assert.Throws<ProtocolException>(() => Read([], (ref MessagePackReader r) => r.ReadDouble()));
        Assert.Throws<ProtocolException>(() => Read([], (ref MessagePackReader r) => r.ReadText()));
        Assert.Throws<ProtocolException>(() => Read([], (ref MessagePackReader r) => r.ReadNullableText()));
        Assert.Throws<ProtocolException>(() => Read([], (ref MessagePackReader r) => BuffersExtensions.ToArray(r.ReadBinary())));
        Assert.Throws<ProtocolException>(() => Read([], (ref MessagePackReader r) => r.ReadMapHeader()));
        Assert.Throws<ProtocolException>(() => Read([], (ref MessagePackReader r) => r.ReadArrayHeader()));
        Assert.Throws<ProtocolException>(() => Read([], (ref MessagePackReader r) => r.TryReadNil()));
        Assert.Throws<ProtocolException>(() => Read([], (ref MessagePackReader r) => r.SkipValue()));
    }

    [Theory]
    [InlineData("cc")]
    [InlineData("cd01")]
    [InlineData("ce010203")]
    [InlineData("cf01020304050607")]
    [InlineData("d0")]
    [InlineData("d101")]
    [InlineData("d2010203")]
    [InlineData("d301020304050607")]
    public void ReadInt64_OfTruncatedInteger_ThrowsProtocolException(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.Throws<ProtocolException>(() => Read(bytes, (ref MessagePackReader r) => r.ReadInt64()));
    }
}
