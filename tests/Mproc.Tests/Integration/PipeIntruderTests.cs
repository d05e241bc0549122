using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Mproc.Tests.Infrastructure;
using Mproc.Tests.Protocol.Transport;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// The queue's socket accepts only the run's own workers: strangers connecting during a real run and
/// sending garbage, truncated or oversized frames or a wrong secret are dropped with a log line, and
/// the run still completes with every result.
/// </summary>
public sealed partial class PipeIntruderTests
{
    private const int SleepyTotal = 200;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StrangersOnTheSocket_AreDropped_AndTheRunCompletesCorrectly()
    {
        using var mproc = MprocProcess.Start(["--cores", "2", "--verbose", TestAssets.SleepyNUnit4]);
        var pipePath = await mproc.WaitForPipePathAsync(Timeout);
        await mproc.WaitForWorkersAsync(2, Timeout);

        var random = new Random(5);
        var inputs = new List<byte[]>();
        for (var i = 0; i < 20; i++)
        {
            inputs.Add(RandomBytes(random, random.Next(1, 2000)));
        }

        var hello = FrameTestHelpers.Frames(new Hello(ProtocolConstants.Version, 0, 1, "not-the-secret", "10.0"));
        inputs.Add(hello[..(hello.Length / 2)]);
        inputs.Add(Header(0x7FFF_FFFF, 1));
        inputs.Add(Header(ProtocolConstants.MaxFrameLength + 1, 1));
        inputs.Add([.. Header(1000, (ushort)MessageTypeId.Hello), .. RandomBytes(random, 100)]);
        inputs.Add([.. Header(10, 0xBEEF), .. RandomBytes(random, 8)]);
        inputs.Add([.. Header(50, (ushort)MessageTypeId.Hello), .. RandomBytes(random, 48)]);
        await Task.WhenAll(inputs.Select(SendAndCloseAsync)).WaitAsync(Timeout);

        // A wrong secret is answered with Rejected; a stranger holding its connection open does not stall the run.
        using var silent = await ConnectAsync(pipePath);
        await silent.SendAsync(Header(100, (ushort)MessageTypeId.Hello)).WaitAsync(Timeout);
        using (var impostor = await ConnectAsync(pipePath))
        {
            await using var stream = new NetworkStream(impostor, ownsSocket: false);
            await stream.WriteAsync(FrameTestHelpers.Frames(
                new Hello(ProtocolConstants.Version, 1, 1, "not-the-secret", "10.0"))).AsTask().WaitAsync(Timeout);
            await using var reader = new PipeFrameReader(stream, leaveOpen: true);
            var reply = Assert.IsType<Rejected>(await reader.ReadAsync().AsTask().WaitAsync(Timeout));
            Assert.Equal("wrong run secret", reply.Reason);
        }

        var run = await mproc.WaitForExitAsync(Timeout);

        Assert.True(run.ExitCode == 0, run.ToString());
        var results = run.Results.Results;
        Assert.Equal(SleepyTotal, results.Count);
        Assert.All(results.Values, r => Assert.Equal("Passed", r.Result));
        Assert.Contains($"Accounted for: {SleepyTotal} tests, {SleepyTotal} NUnit results\n", run.Stdout, StringComparison.Ordinal);
        Assert.InRange(ConnectionDroppedLine().Count(run.Stderr), inputs.Count, inputs.Count + 2);
        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("was lost", run.Stderr, StringComparison.Ordinal);

        async Task SendAndCloseAsync(byte[] bytes)
        {
            using var socket = await ConnectAsync(pipePath);
            await socket.SendAsync(bytes);
            socket.Shutdown(SocketShutdown.Send);
        }
    }

    private static async Task<Socket> ConnectAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path)).WaitAsync(Timeout);
        return socket;
    }

    private static byte[] Header(int length, ushort typeId)
    {
        var header = new byte[6];
        BinaryPrimitives.WriteInt32BigEndian(header, length);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), typeId);
        return header;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    [GeneratedRegex("Connection dropped")]
    private static partial Regex ConnectionDroppedLine();
}
