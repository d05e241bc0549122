using System.Buffers.Binary;
using Mproc.Coordinator.Running;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;
using Mproc.Tests.Protocol.Transport;
using Xunit;

namespace Mproc.Tests.Running;

/// <summary>
/// Whatever a peer sends, the coordinator's side of a connection ends cleanly (the peer is dropped
/// with a log line), never with an exception that would take the run down, and never hangs.
/// </summary>
public sealed class WorkerConnectionFuzzTests
{
    private const string Secret = "the-run-secret";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WrongSecret_IsRejected_AndTheConnectionDropped()
    {
        var (written, log) = await ServeAsync(FrameTestHelpers.Frames(new Hello(ProtocolConstants.Version, 0, 1234, "not-the-secret", "10.0")));

        var reply = Assert.IsType<Rejected>(ReadFirst(written));
        Assert.Equal("wrong run secret", reply.Reason);
        Assert.Contains("ConnectionDropped", log.Events);
        Assert.DoesNotContain("WorkerConnected", log.Events);
    }

    [Fact]
    public async Task WrongProtocolVersion_IsRejected()
    {
        var (written, _) = await ServeAsync(FrameTestHelpers.Frames(new Hello(ProtocolConstants.Version + 1, 0, 1234, Secret, "10.0")));

        var reply = Assert.IsType<Rejected>(ReadFirst(written));
        Assert.Contains("protocol version", reply.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x7FFF_FFFF)]
    [InlineData(ProtocolConstants.MaxFrameLength + 1)]
    [InlineData(1)]
    [InlineData(0)]
    public async Task FrameLengthOutOfRange_DropsTheConnection(int length)
    {
        var frame = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(frame, length);

        var (_, log) = await ServeAsync(frame);

        Assert.Equal(["ConnectionDropped"], log.Events);
    }

    [Fact]
    public async Task UnknownMessageType_DropsTheConnection()
    {
        var frame = new byte[] { 0, 0, 0, 3, 0xFF, 0xFF, 0x80 };

        var (_, log) = await ServeAsync(frame);

        Assert.Equal(["ConnectionDropped"], log.Events);
    }

    [Fact]
    public async Task MessagesOutOfPlace_AfterAValidHandshake_DropTheWorker()
    {
        var input = FrameTestHelpers.Frames(
            new Hello(ProtocolConstants.Version, 0, 1234, Secret, "10.0"),
            new TestStarted(99),
            new WorkerDone(1, 1));

        var (_, log) = await ServeAsync(input);

        Assert.Contains("WorkerConnected", log.Events);
        Assert.Contains("ConnectionDropped", log.Events);
    }

    [Fact]
    public async Task RandomTruncatedAndCorruptedFrames_NeverThrowNorHang()
    {
        var random = new Random(20260601);
        var valid = FrameTestHelpers.Frames(
            new Hello(ProtocolConstants.Version, 0, 1234, Secret, "10.0"),
            new ClaimRequest(0),
            new TestStarted(0),
            new TestFinished(0, new TestOutcome("Passed", string.Empty, "Test", null, null, null, 0, 0, 0, 0)),
            new SuiteFinished(0, new TestOutcome("Passed", string.Empty, "Test", null, null, null, 0, 0, 0, 0)),
            new WorkerDone(1, 0.5));
        for (var i = 0; i < 2000; i++)
        {
            byte[] input;
            switch (i % 4)
            {
                case 0:
                    input = new byte[random.Next(0, 300)];
                    random.NextBytes(input);
                    break;
                case 1:
                    input = valid[..random.Next(0, valid.Length)];
                    break;
                case 2:
                    input = (byte[])valid.Clone();
                    for (var flips = random.Next(1, 8); flips > 0; flips--)
                    {
                        input[random.Next(input.Length)] = (byte)random.Next(256);
                    }

                    break;
                default:
                    input = [.. valid[..random.Next(1, valid.Length)], .. RandomBytes(random, random.Next(1, 64))];
                    break;
            }

            await ServeAsync(input);
        }
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static async Task<(byte[] Written, EventLog Log)> ServeAsync(byte[] input)
    {
        var log = new EventLog();
        var run = new TestRun(new RunSettings("run", Secret, 2, ["/t/Tests.dll"], string.Empty, 1, []), log);
        var connection = new WorkerConnection(run, log);
        using var stream = new ScriptedStream(input);
        await connection.RunAsync(stream, CancellationToken.None).WaitAsync(Timeout);
        return (stream.Written.ToArray(), log);
    }

    private static IMessage? ReadFirst(byte[] written)
    {
        using var reader = new FrameReader(new MemoryStream(written));
        return reader.Read();
    }
}
