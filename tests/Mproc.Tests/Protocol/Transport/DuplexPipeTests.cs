using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Xunit;
using static Mproc.Tests.Protocol.Transport.FrameTestHelpers;

namespace Mproc.Tests.Protocol.Transport;

public class DuplexPipeTests
{
    [Fact]
    public async Task CreatePair_WhatOneSideWrites_TheOtherReads()
    {
        (Stream a, Stream b) = DuplexPipe.CreatePair();
        await using (a)
        await using (b)
        {
            await a.WriteAsync(new byte[] { 1, 2, 3 }).AsTask().WaitAsync(TestTimeout);
            await b.WriteAsync(new byte[] { 9 }).AsTask().WaitAsync(TestTimeout);

            byte[] atB = new byte[10];
            byte[] atA = new byte[10];
            int readAtB = await b.ReadAsync(atB).AsTask().WaitAsync(TestTimeout);
            int readAtA = await a.ReadAsync(atA).AsTask().WaitAsync(TestTimeout);

            Assert.Equal(new byte[] { 1, 2, 3 }, atB[..readAtB]);
            Assert.Equal(new byte[] { 9 }, atA[..readAtA]);
        }
    }

    [Fact]
    public async Task CreatePair_SynchronousReadAndWrite_Work()
    {
        (Stream a, Stream b) = DuplexPipe.CreatePair();
        using (a)
        using (b)
        {
            a.Write([4, 5]);
            byte[] buffer = new byte[2];

            int count = await Task.Run(() => b.Read(buffer, 0, 2)).WaitAsync(TestTimeout);

            Assert.Equal(2, count);
            Assert.Equal(new byte[] { 4, 5 }, buffer);
        }
    }

    [Fact]
    public async Task Dispose_OfOneSide_EndsTheOtherSidesReadsAfterWhatWasWritten()
    {
        (Stream a, Stream b) = DuplexPipe.CreatePair();
        await using (b)
        {
            await a.WriteAsync(new byte[] { 7 }).AsTask().WaitAsync(TestTimeout);
            await a.DisposeAsync();

            byte[] buffer = new byte[4];
            Assert.Equal(1, await b.ReadAsync(buffer).AsTask().WaitAsync(TestTimeout));
            Assert.Equal(0, await b.ReadAsync(buffer).AsTask().WaitAsync(TestTimeout));
            Assert.Equal(0, await b.ReadAsync(buffer).AsTask().WaitAsync(TestTimeout));
        }
    }

    [Fact]
    public async Task Dispose_OfOneSide_CompletesAPendingReadOnTheOtherWithZero()
    {
        (Stream a, Stream b) = DuplexPipe.CreatePair();
        await using (b)
        {
            Task<int> pending = b.ReadAsync(new byte[4]).AsTask();
            Assert.False(pending.IsCompleted);

            a.Dispose();

            Assert.Equal(0, await pending.WaitAsync(TestTimeout));
        }
    }

    [Fact]
    public async Task Dispose_OfOneSide_EndsAPendingSynchronousReadOnTheOtherWithZero()
    {
        (Stream a, Stream b) = DuplexPipe.CreatePair();
        using (b)
        {
            Task<int> pending = Task.Factory.StartNew(() => b.Read(new byte[4], 0, 4), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await Task.Delay(50);
            Assert.False(pending.IsCompleted);

            a.Dispose();

            Assert.Equal(0, await pending.WaitAsync(TestTimeout));
        }
    }

    [Fact]
    public async Task ReadAsync_WhenCancelled_ThrowsOperationCanceledException()
    {
        (Stream a, Stream b) = DuplexPipe.CreatePair();
        await using (a)
        await using (b)
        {
            using var cancellation = new CancellationTokenSource();
            Task<int> pending = b.ReadAsync(new byte[4], cancellation.Token).AsTask();

            await cancellation.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TestTimeout));
        }
    }

    [Fact]
    public async Task Write_OfMoreThanThePauseThreshold_CompletesAsTheReaderCatchesUp()
    {
        (Stream a, Stream b) = DuplexPipe.CreatePair();
        await using (a)
        await using (b)
        {
            byte[] data = Enumerable.Range(0, 3_000_000).Select(i => (byte)i).ToArray();
            Task write = Task.Factory.StartNew(() => a.Write(data), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            byte[] received = new byte[data.Length];
            int total = 0;
            while (total < data.Length)
            {
                int count = await b.ReadAsync(received.AsMemory(total)).AsTask().WaitAsync(TestTimeout);
                Assert.NotEqual(0, count);
                total += count;
            }

            await write.WaitAsync(TestTimeout);
            Assert.Equal(data, received);
        }
    }

    [Fact]
    public async Task Write_AfterThePeerIsDisposed_ThrowsIOException()
    {
        (Stream a, Stream b) = DuplexPipe.CreatePair();
        await using (a)
        {
            await b.DisposeAsync();

            await Assert.ThrowsAsync<IOException>(async () => await a.WriteAsync(new byte[] { 1 }).AsTask().WaitAsync(TestTimeout));
        }
    }

    [Fact]
    public async Task FrameReader_WhenTheWriterSideIsDisposed_ReturnsNull()
    {
        (Stream a, Stream b) = DuplexPipe.CreatePair();
        await using var reader = new FrameReader(b);
        var writer = new FrameWriter(a);

        await writer.SendAsync(new TestStarted(3)).AsTask().WaitAsync(TestTimeout);
        await writer.DisposeAsync();

        DeepAssert.Equal(new TestStarted(3), await reader.ReadAsync().AsTask().WaitAsync(TestTimeout));
        Assert.Null(await reader.ReadAsync().AsTask().WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task FrameReader_Read_OnAnotherThread_ReceivesAMessageSentLater()
    {
        (Stream a, Stream b) = DuplexPipe.CreatePair();
        await using var writer = new FrameWriter(a);
        using var reader = new FrameReader(b);

        Task<IMessage?> read = Task.Factory.StartNew(reader.Read, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.Delay(50);
        await writer.SendAsync(new ClaimRequest(12)).AsTask().WaitAsync(TestTimeout);

        DeepAssert.Equal(new ClaimRequest(12), await read.WaitAsync(TestTimeout));
    }
}
