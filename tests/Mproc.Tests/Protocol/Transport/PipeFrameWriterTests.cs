using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Xunit;
using static Mproc.Tests.Protocol.Transport.FrameTestHelpers;

namespace Mproc.Tests.Protocol.Transport;

public class PipeFrameWriterTests
{
    [Fact]
    public async Task SendAsync_WritesTheFrameAndFlushesTheStream_BeforeItCompletes()
    {
        var stream = new CountingStream();
        await using var writer = new PipeFrameWriter(stream, leaveOpen: true);

        await writer.SendAsync(new TestStarted(1)).AsTask().WaitAsync(TestTimeout);

        Assert.Equal(Frames(new TestStarted(1)), stream.ToArray());
        Assert.Equal(1, stream.Writes);
        Assert.True(stream.Flushes > 0);
    }

    [Fact]
    public async Task SendAsync_OfSeveralMessages_WritesTheirFramesInOrder()
    {
        IMessage[] sent = [.. SampleMessages.Full, .. SampleMessages.Sparse];
        var stream = new MemoryStream();
        await using (var writer = new PipeFrameWriter(stream, leaveOpen: true))
        {
            foreach (IMessage message in sent)
            {
                await writer.SendAsync(message).AsTask().WaitAsync(TestTimeout);
            }
        }

        Assert.Equal(Frames(sent), stream.ToArray());
    }

    [Fact]
    public async Task SendAsync_OfAFrameSpanningManySegments_ReadsBackWholeBetweenSmallFrames()
    {
        IMessage[] sent = LargeAndSmallFrames();
        var stream = new MemoryStream();
        await using (var writer = new PipeFrameWriter(stream, leaveOpen: true))
        {
            foreach (IMessage message in sent)
            {
                await writer.SendAsync(message).AsTask().WaitAsync(TestTimeout);
            }
        }

        stream.Position = 0;
        using var reader = new FrameReader(stream);
        DeepAssert.Equal(sent, ReadAll(reader));
    }

    [Fact]
    public async Task SendAsync_OfMessageThatCannotBeEncoded_WritesNothingOfIt()
    {
        var stream = new MemoryStream();
        await using var writer = new PipeFrameWriter(stream, leaveOpen: true);

        await writer.SendAsync(new TestStarted(1));
        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.SendAsync(new FrameWriterTests.UnknownMessage()));
        await writer.SendAsync(new TestStarted(2));

        Assert.Equal(Frames(new TestStarted(1), new TestStarted(2)), stream.ToArray());
    }

    [Fact]
    public async Task SendAsync_WhenTheStreamFails_BreaksTheWriter_AndDisposeWritesNothingMore()
    {
        var stream = new FailingStream();
        var writer = new PipeFrameWriter(stream, leaveOpen: true);

        await Assert.ThrowsAsync<IOException>(async () => await writer.SendAsync(new TestStarted(1)));
        var ex = await Assert.ThrowsAsync<IOException>(async () => await writer.SendAsync(new TestStarted(2)));
        Assert.IsType<IOException>(ex.InnerException);

        await writer.DisposeAsync().AsTask().WaitAsync(TestTimeout);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public async Task SendAsync_OverASocket_ReachesAWorkerReadingWithBlockingReads()
    {
        await using var connection = await UnixSocketPair.ConnectAsync();
        await using var writer = new PipeFrameWriter(connection.Server, leaveOpen: true);
        using var reader = new FrameReader(connection.Client, leaveOpen: true);

        foreach (int i in Enumerable.Range(0, 100))
        {
            await writer.SendAsync(new ClaimGrant([i], [], QueueEmpty: false)).AsTask().WaitAsync(TestTimeout);
            var grant = Assert.IsType<ClaimGrant>(await Task.Run(reader.Read).WaitAsync(TestTimeout));
            Assert.Equal([i], grant.Mine);
        }
    }

    [Fact]
    public async Task DisposeAsync_ClosesTheStreamUnlessLeftOpen()
    {
        var closed = new CountingStream();
        var open = new CountingStream();

        await new PipeFrameWriter(closed).DisposeAsync();
        await new PipeFrameWriter(open, leaveOpen: true).DisposeAsync();

        Assert.True(closed.Disposed);
        Assert.False(open.Disposed);
    }
}
