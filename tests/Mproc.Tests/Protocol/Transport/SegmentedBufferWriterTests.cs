using System.Buffers;
using Mproc.Protocol.Transport;
using Xunit;

namespace Mproc.Tests.Protocol.Transport;

public class SegmentedBufferWriterTests
{
    [Fact]
    public void Write_OfManyMegabytesInSmallSpans_NeverHandsOutMoreThanASegment()
    {
        using var buffer = new SegmentedBufferWriter();
        var expected = new MemoryStream();
        for (var i = 0; i < 3000; i++)
        {
            var piece = Piece(i, 1000);
            var span = buffer.GetSpan(piece.Length);
            Assert.InRange(span.Length, piece.Length, SegmentedBufferWriter.SegmentSize);
            piece.CopyTo(span);
            buffer.Advance(piece.Length);
            expected.Write(piece);
        }

        Assert.Equal(3_000_000, buffer.WrittenCount);
        Assert.True(buffer.SegmentCount >= 3_000_000 / SegmentedBufferWriter.SegmentSize);
        Assert.Equal(expected.ToArray(), Contents(buffer));
    }

    [Fact]
    public void GetSpan_LargerThanASegment_GetsASegmentOfItsOwn()
    {
        using var buffer = new SegmentedBufferWriter();
        Write(buffer, Piece(1, 10));
        var large = Piece(2, SegmentedBufferWriter.SegmentSize * 3);

        var span = buffer.GetSpan(large.Length);
        large.CopyTo(span);
        buffer.Advance(large.Length);

        Assert.Equal(2, buffer.SegmentCount);
        Assert.Equal([.. Piece(1, 10), .. large], Contents(buffer));
    }

    [Fact]
    public void WrittenSpanAt_OfASpanThatStartedANewSegment_PatchesThoseBytes()
    {
        using var buffer = new SegmentedBufferWriter();
        Write(buffer, Piece(1, SegmentedBufferWriter.SegmentSize - 3));

        // Six bytes do not fit in the three left: they start the next segment.
        buffer.GetSpan(6);
        var position = buffer.WrittenCount;
        buffer.Advance(6);
        Write(buffer, Piece(3, 100));
        buffer.WrittenSpanAt(position, 6).Fill(0xEE);

        Assert.Equal(2, buffer.SegmentCount);
        var contents = Contents(buffer);
        Assert.Equal(SegmentedBufferWriter.SegmentSize - 3 + 106, contents.Length);
        Assert.All(contents[position..(position + 6)], b => Assert.Equal(0xEE, b));
        Assert.Equal(Piece(3, 100), contents[(position + 6)..]);
    }

    [Fact]
    public void Truncate_IntoAnEarlierSegment_DropsTheLaterOnesAndWritesOnFromThere()
    {
        using var buffer = new SegmentedBufferWriter();
        Write(buffer, Piece(1, 50_000));
        Write(buffer, Piece(2, 50_000));
        Write(buffer, Piece(3, 50_000));
        Assert.Equal(3, buffer.SegmentCount);

        buffer.Truncate(30_000);
        Write(buffer, Piece(4, 10));

        Assert.Equal(30_010, buffer.WrittenCount);
        Assert.Equal([.. Piece(1, 50_000)[..30_000], .. Piece(4, 10)], Contents(buffer));
    }

    [Fact]
    public void Reset_KeepsOneEmptySegment()
    {
        using var buffer = new SegmentedBufferWriter();
        Write(buffer, Piece(1, 200_000));

        buffer.Reset();

        Assert.Equal(0, buffer.WrittenCount);
        Assert.Equal(1, buffer.SegmentCount);
        Assert.Empty(Contents(buffer));
        Write(buffer, Piece(2, 5));
        Assert.Equal(Piece(2, 5), Contents(buffer));
    }

    [Fact]
    public void CopyTo_ABufferWriter_WritesTheSameBytesAsToAStream()
    {
        using var buffer = new SegmentedBufferWriter();
        Write(buffer, Piece(1, 70_000));
        Write(buffer, Piece(2, 70_000));
        var destination = new ArrayBufferWriter<byte>();

        buffer.CopyTo(destination);

        Assert.Equal(Contents(buffer), destination.WrittenSpan.ToArray());
        Assert.Equal(140_000, destination.WrittenCount);
    }

    private static byte[] Piece(int seed, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = unchecked((byte)((seed * 31) + (i * 7)));
        }

        return bytes;
    }

    private static void Write(SegmentedBufferWriter buffer, byte[] bytes)
    {
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }

    private static byte[] Contents(SegmentedBufferWriter buffer)
    {
        using var stream = new MemoryStream();
        buffer.CopyTo(stream);
        return stream.ToArray();
    }
}
