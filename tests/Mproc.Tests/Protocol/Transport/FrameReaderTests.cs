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
    public async Task ReadAsync_OfEverySample_RoundTripsThenReturnsNull()
    {
        byte[] bytes = Frames([.. SampleMessages.Full, .. SampleMessages.Sparse]);
        await using var reader = new FrameReader(new MemoryStream(bytes));

        List<IMessage> messages = await ReadAllAsync(reader);

        DeepAssert.Equal(SampleMessages.Full.Concat(SampleMessages.Sparse).ToArray(), messages);
        Assert.Null(await reader.ReadAsync());
    }

    [Fact]
    public void Read_OfEverySample_RoundTripsThenReturnsNull()
    {
        byte[] bytes = Frames([.. SampleMessages.Full]);
        using var reader = new FrameReader(new MemoryStream(bytes));

        var messages = new List<IMessage>();
        while (reader.Read() is { } message)
        {
            messages.Add(message);
        }

        DeepAssert.Equal(SampleMessages.Full, messages);
        Assert.Null(reader.Read());
    }

    [Fact]
    public async Task ReadAsync_WithAnIntercept_ReturnsItsMessageForTheFramesItTakes_AndDecodesTheRest()
    {
        // The middle frame's body is not a valid TestStarted: taken by the intercept, it is never decoded.
        byte[] bytes = [.. Frames(new TestStarted(1)), .. Convert.FromHexString("00000003" + "0009" + "C1"), .. Frames(new TestStarted(2))];
        var seen = new List<(MessageTypeId, string)>();
        await using var reader = new FrameReader(new MemoryStream(bytes), intercept: (typeId, body) =>
        {
            seen.Add((typeId, Convert.ToHexString(body)));
            return body.SequenceEqual(new byte[] { 0xC1 }) ? new Rejected("taken") : null;
        });

        var messages = await ReadAllAsync(reader);

        Assert.Equal([(MessageTypeId.TestStarted, "8100" + "01"), (MessageTypeId.TestStarted, "C1"), (MessageTypeId.TestStarted, "8100" + "02")], seen);
        DeepAssert.Equal(new IMessage[] { new TestStarted(1), new Rejected("taken"), new TestStarted(2) }, messages);
    }

    [Fact]
    public async Task ReadAsync_OfEmptyStream_ReturnsNull()
    {
        await using var reader = new FrameReader(new MemoryStream());

        Assert.Null(await reader.ReadAsync());
    }

    [Fact]
    public async Task ReadAsync_OfFrameCutAtEveryOffset_ReturnsTheWholeFramesThenNull()
    {
        IMessage first = new TestStarted(1);
        IMessage cutOne = SampleMessages.FullOf(MessageTypeId.TestFinished);
        byte[] whole = Frames(first);
        byte[] bytes = Frames(first, cutOne);

        for (int cut = whole.Length; cut < bytes.Length; cut++)
        {
            await using var reader = new FrameReader(new MemoryStream(bytes[..cut]));

            DeepAssert.Equal(first, await reader.ReadAsync());
            Assert.Null(await reader.ReadAsync());
            Assert.Null(await reader.ReadAsync());
        }
    }

    [Fact]
    public void Read_OfFrameCutAtEveryOffset_ReturnsNull()
    {
        byte[] bytes = Frames(SampleMessages.FullOf(MessageTypeId.Discovered));

        for (int cut = 0; cut < bytes.Length; cut++)
        {
            using var reader = new FrameReader(new MemoryStream(bytes[..cut]));

            Assert.Null(reader.Read());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task ReadAsync_OfStreamGivingFewBytesPerRead_ReassemblesFrames(int chunk)
    {
        IMessage[] sent = [.. SampleMessages.Full, .. SampleMessages.Sparse];
        await using var reader = new FrameReader(new TrickleStream(Frames(sent), chunk));

        DeepAssert.Equal(sent, await ReadAllAsync(reader));
    }

    [Fact]
    public async Task ReadAsync_OfFramesLargerThanTheReadBuffer_RoundTrips()
    {
        TestOutcome outcome = SampleMessages.FullOutcome;
        IMessage[] sent =
        [
            new TestStarted(1),
            new TestFinished(1, outcome with { Output = new string('o', 3_000_000) }),
            new TestStarted(2),
            new TestFinished(2, outcome with { Output = new string('p', 100_000) }),
            new TestFinished(3, outcome),
        ];
        await using var reader = new FrameReader(new TrickleStream(Frames(sent), 50_000));

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
        await using var reader = new FrameReader(new MemoryStream(bytes));

        await Assert.ThrowsAsync<ProtocolException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public void Read_OfLengthOutOfRange_ThrowsProtocolException()
    {
        using var reader = new FrameReader(new MemoryStream([0, 0, 0, 0, 0, 1]));

        Assert.Throws<ProtocolException>(() => reader.Read());
    }

    [Fact]
    public async Task ReadAsync_OfLengthAtMaximumButStreamEnds_ReturnsNull()
    {
        byte[] bytes = new byte[100];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, ProtocolConstants.MaxFrameLength);
        await using var reader = new FrameReader(new MemoryStream(bytes));

        Assert.Null(await reader.ReadAsync());
    }

    [Theory]
    [InlineData((ushort)0)]
    [InlineData((ushort)25)]
    [InlineData(ushort.MaxValue)]
    public async Task ReadAsync_OfUnknownTypeId_ThrowsProtocolException(ushort typeId)
    {
        byte[] bytes = [0, 0, 0, 3, (byte)(typeId >> 8), (byte)typeId, 0x80];
        await using var reader = new FrameReader(new MemoryStream(bytes));

        await Assert.ThrowsAsync<ProtocolException>(async () => await reader.ReadAsync());
    }

    [Theory]
    [InlineData("000000020005")] // StartRun with an empty body: not a map
    [InlineData("0000000400018100a1")] // Hello {0: "<cut>"}: body shorter than its string
    [InlineData("00000005000181a17801")] // Hello with a string key
    [InlineData("0000000400098005")] // TestStarted: bytes after the map
    public async Task ReadAsync_OfBodyThatDoesNotDecode_ThrowsProtocolException(string hex)
    {
        await using var reader = new FrameReader(new MemoryStream(Convert.FromHexString(hex)));

        await Assert.ThrowsAsync<ProtocolException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public async Task ReadAsync_CancelledWhileWaiting_LosesNothingAndCanReadAgain()
    {
        await using var connection = await UnixSocketPair.ConnectAsync();
        await using var writer = new FrameWriter(connection.Client, leaveOpen: true);
        await using var reader = new FrameReader(connection.Server, leaveOpen: true);
        using var cancellation = new CancellationTokenSource();

        Task<IMessage?> cancelled = reader.ReadAsync(cancellation.Token).AsTask();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TestTimeout));
        await writer.SendAsync(new TestStarted(8)).AsTask().WaitAsync(TestTimeout);

        DeepAssert.Equal(new TestStarted(8), await reader.ReadAsync().AsTask().WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task ReadAsync_AfterDispose_ThrowsObjectDisposedException()
    {
        var reader = new FrameReader(new MemoryStream(Frames(new TestStarted(1))));
        await reader.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public async Task Dispose_WithLeaveOpen_KeepsTheStreamOpen()
    {
        var stream = new MemoryStream(Frames(new TestStarted(1)));
        var reader = new FrameReader(stream, leaveOpen: true);

        await reader.DisposeAsync();

        Assert.True(stream.CanRead);
    }
}
