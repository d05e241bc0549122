using System.Buffers;
using System.Buffers.Binary;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Xunit;
using static Mproc.Tests.Protocol.Transport.FrameTestHelpers;

namespace Mproc.Tests.Protocol.Transport;

public class PipeFrameReaderTests
{
    [Fact]
    public async Task ReadAsync_OfEverySample_RoundTripsThenReturnsNull()
    {
        IMessage[] sent = [.. SampleMessages.Full, .. SampleMessages.Sparse];
        await using var reader = new PipeFrameReader(new MemoryStream(Frames(sent)));

        DeepAssert.Equal(sent, await ReadAllAsync(reader));
        Assert.Null(await reader.ReadAsync());
    }

    [Fact]
    public async Task ReadAsync_WithAnIntercept_ReturnsItsMessageForTheFramesItTakes_AndDecodesTheRest()
    {
        // The middle frame's body is not a valid TestStarted: taken by the intercept, it is never decoded.
        byte[] bytes = [.. Frames(new TestStarted(1)), .. Convert.FromHexString("00000003" + "0009" + "C1"), .. Frames(new TestStarted(2))];
        var seen = new List<(MessageTypeId, string)>();
        await using var reader = new PipeFrameReader(new MemoryStream(bytes), intercept: (typeId, body) =>
        {
            seen.Add((typeId, Convert.ToHexString(body.ToArray())));
            return body.FirstSpan.SequenceEqual(new byte[] { 0xC1 }) ? new Rejected("taken") : null;
        });

        var messages = await ReadAllAsync(reader);

        Assert.Equal([(MessageTypeId.TestStarted, "8100" + "01"), (MessageTypeId.TestStarted, "C1"), (MessageTypeId.TestStarted, "8100" + "02")], seen);
        DeepAssert.Equal(new IMessage[] { new TestStarted(1), new Rejected("taken"), new TestStarted(2) }, messages);
    }

    [Fact]
    public async Task ReadAsync_WithAnIntercept_SeesTheWholeBodyOfAFrameLargerThanASegment()
    {
        IMessage large = LargeAndSmallFrames()[1];
        byte[] bytes = Frames(new TestStarted(1), large);
        byte[]? captured = null;
        await using var reader = new PipeFrameReader(new TrickleStream(bytes, 50_000), intercept: (typeId, body) =>
        {
            captured = typeId == MessageTypeId.TestFinished ? body.ToArray() : null;
            return null;
        });

        DeepAssert.Equal(new IMessage[] { new TestStarted(1), large }, await ReadAllAsync(reader));
        Assert.Equal(bytes.AsSpan(Frames(new TestStarted(1)).Length + FrameLayout.HeaderSize).ToArray(), captured);
    }

    [Fact]
    public async Task ReadAsync_OfEmptyStream_ReturnsNull()
    {
        await using var reader = new PipeFrameReader(new MemoryStream());

        Assert.Null(await reader.ReadAsync());
    }

    [Fact]
    public async Task ReadAsync_OfFrameCutAtEveryOffset_ReturnsTheWholeFramesThenNull()
    {
        IMessage first = new TestStarted(1);
        byte[] whole = Frames(first);
        byte[] bytes = Frames(first, SampleMessages.FullOf(MessageTypeId.TestFinished));

        for (int cut = 0; cut < bytes.Length; cut++)
        {
            await using var reader = new PipeFrameReader(new TrickleStream(bytes[..cut], 3));

            if (cut >= whole.Length)
            {
                DeepAssert.Equal(first, await reader.ReadAsync());
            }

            Assert.Null(await reader.ReadAsync());
            Assert.Null(await reader.ReadAsync());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task ReadAsync_OfStreamGivingFewBytesPerRead_ReassemblesFrames(int chunk)
    {
        IMessage[] sent = [.. SampleMessages.Full, .. SampleMessages.Sparse];
        await using var reader = new PipeFrameReader(new TrickleStream(Frames(sent), chunk));

        DeepAssert.Equal(sent, await ReadAllAsync(reader));
    }

    [Fact]
    public async Task ReadAsync_OfFramesLargerThanASegment_RoundTrips()
    {
        IMessage[] sent = LargeAndSmallFrames();
        await using var reader = new PipeFrameReader(new TrickleStream(Frames(sent), 50_000));

        DeepAssert.Equal(sent, await ReadAllAsync(reader));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData((uint)ProtocolConstants.MaxFrameLength + 1)]
    [InlineData(uint.MaxValue)]
    public async Task ReadAsync_OfLengthOutOfRange_ThrowsProtocolException(uint length)
    {
        byte[] bytes = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, length);
        await using var reader = new PipeFrameReader(new MemoryStream(bytes));

        await Assert.ThrowsAsync<ProtocolException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public async Task ReadAsync_OfLengthAtMaximumButStreamEnds_ReturnsNull()
    {
        byte[] bytes = new byte[100];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, ProtocolConstants.MaxFrameLength);
        await using var reader = new PipeFrameReader(new MemoryStream(bytes));

        Assert.Null(await reader.ReadAsync());
    }

    [Theory]
    [InlineData((ushort)0)]
    [InlineData((ushort)25)]
    [InlineData(ushort.MaxValue)]
    public async Task ReadAsync_OfUnknownTypeId_ThrowsProtocolException(ushort typeId)
    {
        await using var reader = new PipeFrameReader(new MemoryStream([0, 0, 0, 3, (byte)(typeId >> 8), (byte)typeId, 0x80]));

        await Assert.ThrowsAsync<ProtocolException>(async () => await reader.ReadAsync());
    }

    [Theory]
    [MemberData(nameof(BodiesThatDoNotDecode), MemberType = typeof(FrameTestHelpers))]
    public async Task ReadAsync_OfBodyThatDoesNotDecode_ThrowsProtocolException(string hex)
    {
        await using var reader = new PipeFrameReader(new MemoryStream(Convert.FromHexString(hex)));

        await Assert.ThrowsAsync<ProtocolException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public async Task ReadAsync_CancelledWhileWaiting_LosesNothingAndCanReadAgain()
    {
        await using var connection = await UnixSocketPair.ConnectAsync();
        using var writer = new FrameWriter(connection.Client, leaveOpen: true);
        await using var reader = new PipeFrameReader(connection.Server, leaveOpen: true);
        using var cancellation = new CancellationTokenSource();

        Task<IMessage?> cancelled = reader.ReadAsync(cancellation.Token).AsTask();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TestTimeout));
        writer.Send(new TestStarted(8));
        writer.Flush();

        DeepAssert.Equal(new TestStarted(8), await reader.ReadAsync().AsTask().WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task ReadAsync_OfFramesArrivingOverASocketInPieces_ReadsEachAsSoonAsItIsWhole()
    {
        await using var connection = await UnixSocketPair.ConnectAsync();
        await using var reader = new PipeFrameReader(connection.Server, leaveOpen: true);
        byte[] bytes = Frames(new TestStarted(1), new TestStarted(2));
        int firstEnds = Frames(new TestStarted(1)).Length;

        await connection.Client.WriteAsync(bytes.AsMemory(0, 2));
        Task<IMessage?> first = reader.ReadAsync().AsTask();
        await connection.Client.WriteAsync(bytes.AsMemory(2, firstEnds));
        DeepAssert.Equal(new TestStarted(1), await first.WaitAsync(TestTimeout));
        Task<IMessage?> second = reader.ReadAsync().AsTask();
        await connection.Client.WriteAsync(bytes.AsMemory(2 + firstEnds));
        connection.Client.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);

        DeepAssert.Equal(new TestStarted(2), await second.WaitAsync(TestTimeout));
        Assert.Null(await reader.ReadAsync().AsTask().WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task DisposeAsync_ClosesTheStreamUnlessLeftOpen()
    {
        var closed = new MemoryStream(Frames(new TestStarted(1)));
        var open = new MemoryStream(Frames(new TestStarted(1)));

        await new PipeFrameReader(closed).DisposeAsync();
        await new PipeFrameReader(open, leaveOpen: true).DisposeAsync();

        Assert.False(closed.CanRead);
        Assert.True(open.CanRead);
    }
}
