using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Xunit;
using static Mproc.Tests.Protocol.Transport.FrameTestHelpers;

namespace Mproc.Tests.Protocol.Transport;

/// <summary>Many frames from several threads at once, over a real Unix domain socket.</summary>
public class ConcurrentTransportTests
{
    private const int Senders = 6;
    private const int MessagesPerSender = 3_000;

    [Fact]
    public async Task FrameWriter_OverUnixSocket_FromSeveralThreads_DeliversEveryFrameIntactAndInOrder()
    {
        await using var connection = await UnixSocketPair.ConnectAsync();

        await SendConcurrentlyAndCheckAsync(connection.Client, connection.Server);
    }

    [Fact]
    public async Task WorkerAndCoordinatorSides_OverUnixSocket_BothDirectionsAtOnce_Work()
    {
        await using var connection = await UnixSocketPair.ConnectAsync();
        using var clientWriter = new FrameWriter(connection.Client, leaveOpen: true);
        await using var serverWriter = new PipeFrameWriter(connection.Server, leaveOpen: true);
        using var clientReader = new FrameReader(connection.Client, leaveOpen: true);
        await using var serverReader = new PipeFrameReader(connection.Server, leaveOpen: true);

        // The worker side reads synchronously, as it does on NUnit's thread.
        Task<List<IMessage>> workerReads = Task.Factory.StartNew(
            () =>
            {
                var received = new List<IMessage>();
                while (received.Count < 500 && clientReader.Read() is { } message)
                {
                    received.Add(message);
                }

                return received;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Task coordinatorSends = Task.Run(async () =>
        {
            for (int i = 0; i < 500; i++)
            {
                await serverWriter.SendAsync(new ClaimGrant([i, 1], [], QueueEmpty: i == 499));
            }
        });
        for (int i = 0; i < 500; i++)
        {
            clientWriter.Send(new ClaimRequest(i));
        }

        clientWriter.Flush();
        for (int i = 0; i < 500; i++)
        {
            DeepAssert.Equal(new ClaimRequest(i), await serverReader.ReadAsync().AsTask().WaitAsync(TestTimeout));
        }

        await coordinatorSends.WaitAsync(TestTimeout);
        List<IMessage> grants = await workerReads.WaitAsync(TestTimeout);
        Assert.Equal(Enumerable.Range(0, 500), grants.Cast<ClaimGrant>().Select(grant => grant.Mine[0]));
    }

    private static async Task SendConcurrentlyAndCheckAsync(Stream sending, Stream receiving)
    {
        var writer = new FrameWriter(sending);
        await using var reader = new PipeFrameReader(receiving);
        Task<List<IMessage>> readAll = Task.Run(() => ReadAllAsync(reader));

        // Each sender on its own thread, as a worker's NUnit thread and its flush timer are; they mix the
        // hot path (buffer only) with flushes, some of them flushes that must not wait.
        Task[] senders = Enumerable.Range(0, Senders).Select(sender =>
            Task.Factory.StartNew(() => Send(writer, sender), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(senders).WaitAsync(TestTimeout);
        writer.Dispose();

        List<IMessage> received = await readAll.WaitAsync(TestTimeout);

        Assert.Equal(Senders * MessagesPerSender, received.Count);
        for (int sender = 0; sender < Senders; sender++)
        {
            List<IMessage> fromSender = received.Where(message => SenderOf(message) == sender).ToList();
            Assert.Equal(MessagesPerSender, fromSender.Count);
            for (int i = 0; i < MessagesPerSender; i++)
            {
                DeepAssert.Equal(MessageFor(sender, i), fromSender[i], $"sender {sender} message {i}");
            }
        }
    }

    private static void Send(FrameWriter writer, int sender)
    {
        for (int i = 0; i < MessagesPerSender; i++)
        {
            writer.Send(MessageFor(sender, i));
            switch (i % 10)
            {
                case 0:
                    writer.Flush();
                    break;
                case 5 when sender % 2 == 1:
                    writer.TryFlush();
                    break;
            }
        }

        writer.Flush();
    }

    private static IMessage MessageFor(int sender, int index)
    {
        int ordinal = (sender * 1_000_000) + index;
        return (index % 3) switch
        {
            0 => new TestStarted(ordinal),
            1 => new TestFinished(ordinal, SampleMessages.FullOutcome with { Message = $"sender {sender} #{index} ✓", AssertCount = index }),
            _ => new TestFinished(ordinal, SampleMessages.SparseOutcome with { Output = new string('x', index % 500) }),
        };
    }

    private static int SenderOf(IMessage message) => message switch
    {
        TestStarted started => started.Ordinal / 1_000_000,
        TestFinished finished => finished.Ordinal / 1_000_000,
        _ => -1,
    };
}
