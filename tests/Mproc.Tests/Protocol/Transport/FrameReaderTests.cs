using System.Buffers.Binary;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Xunit;
using static Mproc.Tests.Protocol.Transport.FrameTestHelpers;

namespace Mproc.Tests.Protocol.Transport;

public class FrameReaderTests
{
    [Fact]
    public void Frame_OfTestStarted_HasTheDocumentedLayout()
    {
        // L = 5 (type id 2 bytes + body 3 bytes), type id 9, body {0: 5}.
        Assert.Equal("00000005" + "0009" + "810005", Convert.ToHexStringLower(Frames(new TestStarted(5))));
    }

    [Fact]
    public void Read_OfEverySample_RoundTripsThenReturnsNull()
    {
        using var reader = new FrameReader(new MemoryStream(Frames([.. SampleMessages.Full, .. SampleMessages.Sparse])));

        DeepAssert.Equal(SampleMessages.Full.Concat(SampleMessages.Sparse).ToArray(), ReadAll(reader));
        Assert.Null(reader.Read());
    }

    [Fact]
    public void Read_OfEmptyStream_ReturnsNull()
    {
        using var reader = new FrameReader(new MemoryStream());

        Assert.Null(reader.Read());
    }

    [Fact]
    public void Read_OfFrameCutAtEveryOffset_ReturnsTheWholeFramesThenNull()
    {
        IMessage first = new TestStarted(1);
        byte[] whole = Frames(first);
        byte[] bytes = Frames(first, SampleMessages.FullOf(MessageTypeId.Discovered));

        for (int cut = 0; cut < bytes.Length; cut++)
        {
            using var reader = new FrameReader(new MemoryStream(bytes[..cut]));

            if (cut >= whole.Length)
            {
                DeepAssert.Equal(first, reader.Read());
            }

            Assert.Null(reader.Read());
            Assert.Null(reader.Read());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Read_OfStreamGivingFewBytesPerRead_ReassemblesFrames(int chunk)
    {
        IMessage[] sent = [.. SampleMessages.Full, .. SampleMessages.Sparse];
        using var reader = new FrameReader(new TrickleStream(Frames(sent), chunk));

        DeepAssert.Equal(sent, ReadAll(reader));
    }

    [Fact]
    public void Read_OfFramesLargerThanTheReadBuffer_RoundTrips()
    {
        IMessage[] sent = LargeAndSmallFrames();
        using var reader = new FrameReader(new TrickleStream(Frames(sent), 50_000));

        DeepAssert.Equal(sent, ReadAll(reader));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData((uint)ProtocolConstants.MaxFrameLength + 1)]
    [InlineData(uint.MaxValue)]
    public void Read_OfLengthOutOfRange_ThrowsProtocolException(uint length)
    {
        byte[] bytes = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, length);
        using var reader = new FrameReader(new MemoryStream(bytes));

        Assert.Throws<ProtocolException>(() => reader.Read());
    }

    [Fact]
    public void Read_OfLengthAtMaximumButStreamEnds_ReturnsNull()
    {
        byte[] bytes = new byte[100];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, ProtocolConstants.MaxFrameLength);
        using var reader = new FrameReader(new MemoryStream(bytes));

        Assert.Null(reader.Read());
    }

    [Theory]
    [InlineData((ushort)0)]
    [InlineData((ushort)25)]
    [InlineData(ushort.MaxValue)]
    public void Read_OfUnknownTypeId_ThrowsProtocolException(ushort typeId)
    {
        using var reader = new FrameReader(new MemoryStream([0, 0, 0, 3, (byte)(typeId >> 8), (byte)typeId, 0x80]));

        Assert.Throws<ProtocolException>(() => reader.Read());
    }

    [Theory]
    [MemberData(nameof(BodiesThatDoNotDecode), MemberType = typeof(FrameTestHelpers))]
    public void Read_OfBodyThatDoesNotDecode_ThrowsProtocolException(string hex)
    {
        using var reader = new FrameReader(new MemoryStream(Convert.FromHexString(hex)));

        Assert.Throws<ProtocolException>(() => reader.Read());
    }

    [Fact]
    public void Read_AfterDispose_ThrowsObjectDisposedException()
    {
        var reader = new FrameReader(new MemoryStream(Frames(new TestStarted(1))));
        reader.Dispose();

        Assert.Throws<ObjectDisposedException>(() => reader.Read());
    }

    [Fact]
    public void Dispose_WithLeaveOpen_KeepsTheStreamOpen()
    {
        var stream = new MemoryStream(Frames(new TestStarted(1)));
        var reader = new FrameReader(stream, leaveOpen: true);

        reader.Dispose();

        Assert.True(stream.CanRead);
    }
}
