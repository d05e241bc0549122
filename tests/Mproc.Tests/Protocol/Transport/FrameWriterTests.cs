using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Xunit;
using static Mproc.Tests.Protocol.Transport.FrameTestHelpers;

namespace Mproc.Tests.Protocol.Transport;

public class FrameWriterTests
{
    [Fact]
    public void Send_WithoutFlush_DoesNotWriteToTheStream()
    {
        using var stream = new MemoryStream();
        using var writer = new FrameWriter(stream, leaveOpen: true);

        writer.Send(new TestStarted(1));
        writer.Send(new TestStarted(2));

        Assert.Equal(0, stream.Length);
        writer.Flush();
        Assert.Equal(Frames(new TestStarted(1), new TestStarted(2)), stream.ToArray());
    }

    [Fact]
    public void Flush_WithNothingSent_WritesNothing()
    {
        var stream = new CountingStream();
        using var writer = new FrameWriter(stream, leaveOpen: true);

        writer.Flush();

        Assert.Equal(0, stream.Length);
        Assert.Equal(0, stream.Writes);
    }

    [Fact]
    public void Send_PastTheWriteThreshold_WritesWithoutBeingFlushed()
    {
        using var stream = new MemoryStream();
        using var writer = new FrameWriter(stream, leaveOpen: true);

        for (int i = 0; stream.Length == 0; i++)
        {
            Assert.True(i < FrameWriter.WriteThreshold, "Send never wrote to the stream.");
            writer.Send(new TestStarted(i));
        }

        Assert.True(stream.Length >= FrameWriter.WriteThreshold);
    }

    [Fact]
    public void Dispose_FlushesWhatIsBufferedAndClosesTheStream()
    {
        var stream = new CountingStream();
        var writer = new FrameWriter(stream);

        writer.Send(new TestStarted(1));
        writer.Dispose();

        Assert.Equal(Frames(new TestStarted(1)), stream.ToArray());
        Assert.True(stream.Disposed);
    }

    [Fact]
    public void Dispose_WhenTheStreamIsAlreadyClosed_DoesNotThrow()
    {
        var stream = new MemoryStream();
        var writer = new FrameWriter(stream);
        writer.Send(new TestStarted(1));
        stream.Dispose();

        writer.Dispose();
    }

    [Fact]
    public async Task TryFlush_WhileAnotherThreadWrites_ReturnsFalseAtOnce_AndALaterFlushSendsTheRestInOrder()
    {
        using var stream = new GatedStream();
        var writer = new FrameWriter(stream, leaveOpen: true);
        writer.Send(new TestStarted(1));
        var flushing = Task.Run(writer.Flush);
        Assert.True(stream.Entered.Wait(TestTimeout));

        writer.Send(new TestStarted(2));
        Assert.False(writer.TryFlush());

        stream.Open.Set();
        await flushing.WaitAsync(TestTimeout);
        Assert.True(writer.TryFlush());
        Assert.Equal(Frames(new TestStarted(1), new TestStarted(2)), stream.ToArray());
        writer.Dispose();
    }

    [Fact]
    public void Send_AfterDispose_ThrowsObjectDisposedException()
    {
        var writer = new FrameWriter(new MemoryStream());
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.Send(new TestStarted(1)));
        Assert.Throws<ObjectDisposedException>(writer.Flush);
    }

    [Fact]
    public void Send_OfMessageThatCannotBeEncoded_LeavesEarlierFramesIntact()
    {
        using var stream = new MemoryStream();
        using var writer = new FrameWriter(stream, leaveOpen: true);

        writer.Send(new TestStarted(1));
        Assert.Throws<ArgumentException>(() => writer.Send(new UnknownMessage()));
        writer.Send(new TestStarted(2));
        writer.Flush();

        Assert.Equal(Frames(new TestStarted(1), new TestStarted(2)), stream.ToArray());
    }

    [Fact]
    public void Send_OfAFrameSpanningManySegments_ReadsBackWholeBetweenSmallFrames()
    {
        var nodes = Enumerable.Range(0, 5_000)
            .Select(i => SampleMessages.FullNode with { Ordinal = i, FullName = $"Ns.Fixture{i / 100}.Test{i}" })
            .ToList();
        var large = new Discovered([new AssemblyDiscovery("/a/Tests.dll", "4.4.0", null, nodes)]);
        using var stream = new MemoryStream();
        using (var writer = new FrameWriter(stream, leaveOpen: true))
        {
            writer.Send(new TestStarted(1));
            writer.Send(large);
            writer.Send(new TestStarted(2));
            writer.Flush();
        }

        Assert.True(stream.Length > 4 * SegmentedBufferWriter.SegmentSize);
        stream.Position = 0;
        using var reader = new FrameReader(stream);
        var messages = ReadAll(reader);
        Assert.Equal(3, messages.Count);
        DeepAssert.Equal(new TestStarted(1), messages[0]);
        DeepAssert.Equal(large, messages[1]);
        DeepAssert.Equal(new TestStarted(2), messages[2]);
    }

    [Fact]
    public void Flush_WhenTheStreamFails_BreaksTheWriter()
    {
        using var writer = new FrameWriter(new FailingStream());

        writer.Send(new TestStarted(1));
        Assert.Throws<IOException>(() => writer.Flush());

        var ex = Assert.Throws<IOException>(() => writer.Send(new TestStarted(2)));
        Assert.IsType<IOException>(ex.InnerException);
    }

    [Fact]
    public void WriteHeader_OfBodyTooLargeForAFrame_ThrowsProtocolException()
    {
        byte[] header = new byte[FrameLayout.HeaderSize];

        Assert.Throws<ProtocolException>(() =>
            FrameLayout.WriteHeader(header, MessageTypeId.TestFinished, ProtocolConstants.MaxFrameLength - FrameLayout.TypeIdSize + 1));
        FrameLayout.WriteHeader(header, MessageTypeId.TestFinished, ProtocolConstants.MaxFrameLength - FrameLayout.TypeIdSize);
        Assert.Equal(ProtocolConstants.MaxFrameLength, FrameLayout.ReadLength(header));
    }

    internal sealed class UnknownMessage : IMessage
    {
        public MessageTypeId TypeId => MessageTypeId.TestStarted;
    }
}
