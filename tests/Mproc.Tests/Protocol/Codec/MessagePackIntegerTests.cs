using Mproc.Protocol;
using MessagePack;
using Mproc.Protocol.Codec;
using Xunit;
using static Mproc.Tests.Protocol.CodecTestHelpers;

namespace Mproc.Tests.Protocol.Codec;

public class MessagePackIntegerTests
{
    public static TheoryData<long, string> SignedBoundaries => new()
    {
        { 0, "00" },
        { 1, "01" },
        { 127, "7f" },
        { 128, "cc80" },
        { 255, "ccff" },
        { 256, "cd0100" },
        { 65_535, "cdffff" },
        { 65_536, "ce00010000" },
        { int.MaxValue, "ce7fffffff" },
        { uint.MaxValue, "ceffffffff" },
        { (long)uint.MaxValue + 1, "cf0000000100000000" },
        { long.MaxValue, "cf7fffffffffffffff" },
        { -1, "ff" },
        { -32, "e0" },
        { -33, "d0df" },
        { -128, "d080" },
        { -129, "d1ff7f" },
        { short.MinValue, "d18000" },
        { short.MinValue - 1, "d2ffff7fff" },
        { int.MinValue, "d280000000" },
        { (long)int.MinValue - 1, "d3ffffffff7fffffff" },
        { long.MinValue, "d38000000000000000" },
    };

    [Theory]
    [MemberData(nameof(SignedBoundaries))]
    public void WriteInt64_AtBoundary_UsesSmallestEncoding(long value, string expectedHex)
    {
        Assert.Equal(expectedHex, Hex((ref MessagePackWriter writer) => writer.Write(value)));
    }

    [Theory]
    [MemberData(nameof(SignedBoundaries))]
    public void ReadInt64_AtBoundary_RoundTrips(long value, string hex)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));

        Assert.Equal(MessagePackType.Integer, reader.NextMessagePackType);
        Assert.Equal(value, reader.ReadInt64());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0, "00")]
    [InlineData(127, "7f")]
    [InlineData(128, "cc80")]
    [InlineData(-33, "d0df")]
    [InlineData(int.MaxValue, "ce7fffffff")]
    [InlineData(int.MinValue, "d280000000")]
    public void WriteInt32_AtBoundary_MatchesInt64Encoding(int value, string expectedHex)
    {
        Assert.Equal(expectedHex, Hex((ref MessagePackWriter writer) => writer.Write(value)));
        Assert.Equal(value, new MessagePackReader(Convert.FromHexString(expectedHex)).ReadInt32());
    }

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(255UL, "ccff")]
    [InlineData((ulong)long.MaxValue + 1, "cf8000000000000000")]
    [InlineData(ulong.MaxValue, "cfffffffffffffffff")]
    public void WriteUInt64_RoundTrips(ulong value, string expectedHex)
    {
        Assert.Equal(expectedHex, Hex((ref MessagePackWriter writer) => writer.Write(value)));
        Assert.Equal(value, new MessagePackReader(Convert.FromHexString(expectedHex)).ReadUInt64());
    }

    [Theory]
    [InlineData("cd0005", 5)]
    [InlineData("ce00000005", 5)]
    [InlineData("cf0000000000000005", 5)]
    [InlineData("d005", 5)]
    [InlineData("d1fffb", -5)]
    [InlineData("d2fffffffb", -5)]
    [InlineData("d3fffffffffffffffb", -5)]
    [InlineData("d07f", 127)]
    [InlineData("cc00", 0)]
    public void ReadInt32_OfNonMinimalEncoding_Accepts(string hex, int expected)
    {
        Assert.Equal(expected, new MessagePackReader(Convert.FromHexString(hex)).ReadInt32());
    }

    [Theory]
    [InlineData("ce80000000")] // 2^31
    [InlineData("d3ffffffff7fffffff")] // int.MinValue - 1
    [InlineData("cfffffffffffffffff")] // ulong.MaxValue
    public void ReadInt32_OutOfRange_ThrowsProtocolException(string hex)
    {
        byte[] data = Convert.FromHexString(hex);

        Assert.Throws<ProtocolException>(() => Read(data, (ref MessagePackReader r) => r.ReadInt32()));
    }

    [Fact]
    public void ReadInt64_OfUInt64AboveLongMax_ThrowsProtocolException()
    {
        byte[] data = Convert.FromHexString("cf8000000000000000");

        Assert.Throws<ProtocolException>(() => Read(data, (ref MessagePackReader r) => r.ReadInt64()));
    }

    [Fact]
    public void ReadUInt64_OfNegative_ThrowsProtocolException()
    {
        byte[] data = Convert.FromHexString("ff");

        Assert.Throws<ProtocolException>(() => Read(data, (ref MessagePackReader r) => r.ReadUInt64()));
    }

    [Theory]
    [InlineData("a161")]
    [InlineData("c0")]
    [InlineData("c3")]
    [InlineData("cb3ff8000000000000")]
    [InlineData("90")]
    public void ReadInt64_OfOtherType_ThrowsProtocolException(string hex)
    {
        byte[] data = Convert.FromHexString(hex);

        Assert.Throws<ProtocolException>(() => Read(data, (ref MessagePackReader r) => r.ReadInt64()));
    }

    [Fact]
    public void WriteInt64_EveryValueAroundEachBoundary_RoundTrips()
    {
        long[] boundaries = [0, 127, 255, 65_535, uint.MaxValue, -32, -128, short.MinValue, int.MinValue];
        foreach (long boundary in boundaries)
        {
            for (long value = boundary - 2; value <= boundary + 2; value++)
            {
                byte[] bytes = Encode((ref MessagePackWriter writer) => writer.Write(value));
                var reader = new MessagePackReader(bytes);
                Assert.Equal(value, reader.ReadInt64());
                Assert.True(reader.End);
            }
        }
    }
}
