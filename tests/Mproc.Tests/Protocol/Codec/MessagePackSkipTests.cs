using Mproc.Protocol;
using Mproc.Protocol.Codec;
using Xunit;
using static Mproc.Tests.Protocol.CodecTestHelpers;

namespace Mproc.Tests.Protocol.Codec;

public class MessagePackSkipTests
{
    // One of every kind of value, nested: [1, -200, {"k": [nil, true, 1.5]}, "str", bin, float32, every ext form, 2^64-1].
    private static readonly byte[] EveryKind = Encode(writer =>
    {
        writer.WriteArrayHeader(16);
        writer.WriteInt32(1);
        writer.WriteInt32(-200);
        writer.WriteMapHeader(2);
        writer.WriteString("k");
        writer.WriteArrayHeader(3);
        writer.WriteNil();
        writer.WriteBoolean(true);
        writer.WriteDouble(1.5);
        writer.WriteInt32(7);
        writer.WriteMapHeader(0);
        writer.WriteString("str");
        writer.WriteBinary(new byte[70_000]);
        WriteRaw(writer, "ca3fc00000");
        WriteRaw(writer, "d401aa");
        WriteRaw(writer, "d501aabb");
        WriteRaw(writer, "d601aabbccdd");
        WriteRaw(writer, "d701" + new string('a', 16));
        WriteRaw(writer, "d801" + new string('b', 32));
        WriteRaw(writer, "c70301aabbcc");
        WriteRaw(writer, "c8000201aabb");
        WriteRaw(writer, "c90000000101aa");
        writer.WriteUInt64(ulong.MaxValue);
        writer.WriteString(new string('s', 300));
    });

    [Fact]
    public void Skip_OfNestedValueOfEveryKind_LandsOnTheNextValue()
    {
        byte[] bytes = [.. EveryKind, .. Encode(writer => writer.WriteInt32(12345))];

        var reader = new MessagePackReader(bytes);
        reader.Skip();

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
            Assert.Throws<ProtocolException>(() => new MessagePackReader(truncated).Skip());
        }

        byte[] lastByteMissing = EveryKind[..^1];
        Assert.Throws<ProtocolException>(() => new MessagePackReader(lastByteMissing).Skip());
    }

    [Fact]
    public void Skip_OfDeepNesting_DoesNotOverflowTheStack()
    {
        const int Depth = 200_000;
        byte[] bytes = new byte[Depth + 1];
        Array.Fill(bytes, (byte)0x91, 0, Depth);
        bytes[Depth] = 0x90;

        var reader = new MessagePackReader(bytes);
        reader.Skip();

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

        Assert.Throws<ProtocolException>(() => new MessagePackReader(bytes).Skip());
    }

    [Theory]
    [InlineData("dbffffffff")]
    [InlineData("d9ff61")]
    [InlineData("da0100")]
    public void ReadString_OfLengthBeyondInput_ThrowsProtocolException(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.Throws<ProtocolException>(() => new MessagePackReader(bytes).ReadString());
    }

    [Theory]
    [InlineData("ddffffffff")]
    [InlineData("dc0003")]
    [InlineData("930102")]
    public void ReadArrayHeader_OfCountBeyondInput_ThrowsProtocolException(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.Throws<ProtocolException>(() => new MessagePackReader(bytes).ReadArrayHeader());
    }

    [Fact]
    public void ReadMethods_AtEndOfInput_ThrowProtocolException()
    {
        Assert.Throws<ProtocolException>(() => new MessagePackReader([]).ReadInt32());
        Assert.Throws<ProtocolException>(() => new MessagePackReader([]).ReadInt64());
        Assert.Throws<ProtocolException>(() => new MessagePackReader([]).ReadUInt64());
        Assert.Throws<ProtocolException>(() => new MessagePackReader([]).ReadBoolean());
        Assert.Throws<ProtocolException>(() => new MessagePackReader([]).ReadDouble());
        Assert.Throws<ProtocolException>(() => new MessagePackReader([]).ReadString());
        Assert.Throws<ProtocolException>(() => new MessagePackReader([]).ReadNullableString());
        Assert.Throws<ProtocolException>(() => new MessagePackReader([]).ReadBinary().ToArray());
        Assert.Throws<ProtocolException>(() => new MessagePackReader([]).ReadMapHeader());
        Assert.Throws<ProtocolException>(() => new MessagePackReader([]).ReadArrayHeader());
        Assert.Throws<ProtocolException>(() => new MessagePackReader([]).TryReadNil());
        Assert.Throws<ProtocolException>(() => new MessagePackReader([]).Skip());
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

        Assert.Throws<ProtocolException>(() => new MessagePackReader(bytes).ReadInt64());
    }
}
