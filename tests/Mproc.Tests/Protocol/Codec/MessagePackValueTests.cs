using System.Buffers;
using System.Text;
using Mproc.Protocol;
using MessagePack;
using Mproc.Protocol.Codec;
using Xunit;
using static Mproc.Tests.Protocol.CodecTestHelpers;

namespace Mproc.Tests.Protocol.Codec;

public class MessagePackValueTests
{
    [Fact]
    public void WriteNilAndBoolean_UseSpecBytes()
    {
        Assert.Equal("c0", Hex((ref MessagePackWriter writer) => writer.WriteNil()));
        Assert.Equal("c2", Hex((ref MessagePackWriter writer) => writer.Write(false)));
        Assert.Equal("c3", Hex((ref MessagePackWriter writer) => writer.Write(true)));
    }

    [Fact]
    public void ReadBoolean_OfEachValue_RoundTrips()
    {
        var reader = new MessagePackReader(Convert.FromHexString("c2c3c0"));

        Assert.False(reader.ReadBoolean());
        Assert.True(reader.ReadBoolean());
        Assert.Equal(MessagePackType.Nil, reader.NextMessagePackType);
        reader.ReadNil();
        Assert.True(reader.End);
    }

    [Fact]
    public void TryReadNil_OnNonNil_ReturnsFalseAndDoesNotAdvance()
    {
        var reader = new MessagePackReader(Convert.FromHexString("05c0"));

        Assert.False(reader.TryReadNil());
        Assert.Equal(0, reader.Consumed);
        Assert.Equal(5, reader.ReadInt32());
        Assert.True(reader.TryReadNil());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(1.5, "cb3ff8000000000000")]
    [InlineData(0.0, "cb0000000000000000")]
    [InlineData(-2.0, "cbc000000000000000")]
    public void WriteDouble_IsFloat64(double value, string expectedHex)
    {
        Assert.Equal(expectedHex, Hex((ref MessagePackWriter writer) => writer.Write(value)));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    [InlineData(-0.0)]
    [InlineData(0.1)]
    public void ReadDouble_OfWrittenDouble_RoundTripsExactly(double value)
    {
        byte[] bytes = Encode((ref MessagePackWriter writer) => writer.Write(value));

        double read = new MessagePackReader(bytes).ReadDouble();

        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(read));
    }

    [Theory]
    [InlineData("ca3fc00000", 1.5)]
    [InlineData("07", 7.0)]
    [InlineData("d0f9", -7.0)]
    public void ReadDouble_OfFloat32OrInteger_Accepts(string hex, double expected)
    {
        Assert.Equal(expected, new MessagePackReader(Convert.FromHexString(hex)).ReadDouble());
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(1, "a1")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65_535, "daffff")]
    [InlineData(65_536, "db00010000")]
    [InlineData(100_000, "db000186a0")]
    public void WriteString_OfLength_UsesSmallestHeaderAndRoundTrips(int length, string expectedHeaderHex)
    {
        string value = new('x', length);

        byte[] bytes = Encode((ref MessagePackWriter writer) => writer.WriteText(value));

        Assert.StartsWith(expectedHeaderHex, Convert.ToHexStringLower(bytes), StringComparison.Ordinal);
        Assert.Equal((expectedHeaderHex.Length / 2) + length, bytes.Length);
        var reader = new MessagePackReader(bytes);
        Assert.Equal(MessagePackType.String, reader.NextMessagePackType);
        Assert.Equal(value, reader.ReadText());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("héllo")]
    [InlineData("测试 ✓ Ωmega")]
    [InlineData("🚀🧪 emoji (surrogate pairs)")]
    [InlineData("line\r\nbreak\ttab\0nul")]
    public void WriteString_OfUnicode_IsUtf8AndRoundTrips(string value)
    {
        byte[] bytes = Encode((ref MessagePackWriter writer) => writer.WriteText(value));

        var reader = new MessagePackReader(bytes);
        Assert.Equal(value, reader.ReadText());
        Assert.Equal(Encoding.UTF8.GetBytes(value), bytes[^Encoding.UTF8.GetByteCount(value)..]);
    }

    [Fact]
    public void WriteString_OfLongUnicode_RoundTrips()
    {
        string value = string.Concat(Enumerable.Repeat("测试🚀", 20_000));
        Assert.True(Encoding.UTF8.GetByteCount(value) > ushort.MaxValue);

        byte[] bytes = Encode((ref MessagePackWriter writer) => writer.WriteText(value));

        Assert.Equal(0xdb, bytes[0]);
        Assert.Equal(value, Read(bytes, (ref MessagePackReader r) => r.ReadText()));
    }

    [Fact]
    public void WriteString_OfNull_WritesNil()
    {
        Assert.Equal("c0", Hex((ref MessagePackWriter writer) => writer.WriteText((string?)null)));
        Assert.Null(Read(new byte[] { 0xc0 }, (ref MessagePackReader r) => r.ReadNullableText()));
        Assert.Equal("a", Read(new byte[] { 0xa1, 0x61 }, (ref MessagePackReader r) => r.ReadNullableText()));
    }

    [Fact]
    public void ReadString_OfNil_ThrowsProtocolException()
    {
        Assert.Throws<ProtocolException>(() => Read([0xc0], (ref MessagePackReader r) => r.ReadText()));
    }

    [Theory]
    [InlineData(0, "c400")]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(65_535, "c5ffff")]
    [InlineData(65_536, "c600010000")]
    public void WriteBinary_OfLength_UsesSmallestHeaderAndRoundTrips(int length, string expectedHeaderHex)
    {
        byte[] value = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        byte[] bytes = Encode((ref MessagePackWriter writer) => writer.Write(value));

        Assert.StartsWith(expectedHeaderHex, Convert.ToHexStringLower(bytes.AsSpan(0, Math.Min(bytes.Length, 8))), StringComparison.Ordinal);
        var reader = new MessagePackReader(bytes);
        Assert.Equal(MessagePackType.Binary, reader.NextMessagePackType);
        Assert.Equal(value, BuffersExtensions.ToArray(reader.ReadBinary()));
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0, "90", "80")]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc0010", "de0010")]
    [InlineData(65_535, "dcffff", "deffff")]
    [InlineData(65_536, "dd00010000", "df00010000")]
    public void WriteCollectionHeaders_OfCount_UseSmallestEncoding(int count, string arrayHex, string mapHex)
    {
        Assert.Equal(arrayHex, Hex((ref MessagePackWriter writer) => writer.WriteArrayHeader(count)));
        Assert.Equal(mapHex, Hex((ref MessagePackWriter writer) => writer.WriteMapHeader(count)));
    }

    [Fact]
    public void ReadArrayHeader_FollowedByValues_ReadsThem()
    {
        byte[] bytes = Encode((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(20);
            for (int i = 0; i < 20; i++)
            {
                writer.Write(i * 1000);
            }
        });

        var reader = new MessagePackReader(bytes);
        Assert.Equal(MessagePackType.Array, reader.NextMessagePackType);
        int count = reader.ReadArrayHeader();
        Assert.Equal(20, count);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(i * 1000, reader.ReadInt32());
        }

        Assert.True(reader.End);
    }

    [Fact]
    public void ReadMapHeader_FollowedByEntries_ReadsThem()
    {
        byte[] bytes = Encode((ref MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(2);
            writer.Write(0);
            writer.WriteText("a");
            writer.Write(1);
            writer.Write(true);
        });

        var reader = new MessagePackReader(bytes);
        Assert.Equal(MessagePackType.Map, reader.NextMessagePackType);
        Assert.Equal(2, reader.ReadMapHeader());
        Assert.Equal(0, reader.ReadInt32());
        Assert.Equal("a", reader.ReadText());
        Assert.Equal(1, reader.ReadInt32());
        Assert.True(reader.ReadBoolean());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("c0", MessagePackType.Nil)]
    [InlineData("c2", MessagePackType.Boolean)]
    [InlineData("7f", MessagePackType.Integer)]
    [InlineData("e0", MessagePackType.Integer)]
    [InlineData("cf", MessagePackType.Integer)]
    [InlineData("ca", MessagePackType.Float)]
    [InlineData("cb", MessagePackType.Float)]
    [InlineData("a0", MessagePackType.String)]
    [InlineData("db", MessagePackType.String)]
    [InlineData("c4", MessagePackType.Binary)]
    [InlineData("90", MessagePackType.Array)]
    [InlineData("dd", MessagePackType.Array)]
    [InlineData("80", MessagePackType.Map)]
    [InlineData("df", MessagePackType.Map)]
    [InlineData("d4", MessagePackType.Extension)]
    [InlineData("c9", MessagePackType.Extension)]
    public void NextMessagePackType_OfFirstByte_NamesTheFamily(string hex, MessagePackType expected)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));

        Assert.Equal(expected, reader.NextMessagePackType);
        Assert.Equal(0, reader.Consumed);
    }
}
