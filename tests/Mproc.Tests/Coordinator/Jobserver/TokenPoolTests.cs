using Mproc.Tests.Infrastructure;
using System.Diagnostics;
using Mproc.Coordinator.Jobserver;
using Xunit;

namespace Mproc.Tests.Coordinator.Jobserver;

/// <summary>A real jobserver fifo, made by the test as make 4.4 does, with tokens written into it.</summary>
public sealed class TokenPoolTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly string _directory = TestTemp.CreateDirectory("js-").FullName;
    private readonly string _fifo;
    private readonly FileStream _make;

    public TokenPoolTests()
    {
        _fifo = Path.Combine(_directory, "fifo");
        using (var mkfifo = Process.Start("mkfifo", _fifo))
        {
            mkfifo.WaitForExit();
        }

        // make's own end: it keeps the fifo open and put the tokens in.
        _make = new FileStream(File.OpenHandle(_fifo, FileMode.Open, FileAccess.ReadWrite), FileAccess.ReadWrite, 1);
    }

    [Fact]
    public async Task Pool_FirstWorkerUsesTheImplicitSlot_OthersWaitForTokens_AndEverythingGoesBack()
    {
        WriteTokens("ab");
        var client = JobserverClient.TryOpen(new JobserverAuth(_fifo, -1, -1, "test"), out var problem);
        Assert.Null(problem);
        using (var pool = new TokenPool(client))
        {
            await pool.EnsureSlotAsync(0, CancellationToken.None).AsTask().WaitAsync(Timeout);
            await pool.EnsureSlotAsync(1, CancellationToken.None).AsTask().WaitAsync(Timeout);
            await pool.EnsureSlotAsync(2, CancellationToken.None).AsTask().WaitAsync(Timeout);
            Assert.Equal(3, pool.Busy);

            var fourth = pool.EnsureSlotAsync(3, CancellationToken.None).AsTask();
            await Task.Delay(200);
            Assert.False(fourth.IsCompleted, "a fourth worker got a slot that does not exist");

            pool.Idle(1);
            await fourth.WaitAsync(Timeout);
            Assert.Equal(3, pool.Busy);

            pool.Idle(0);
            Assert.Equal(2, pool.Busy);
        }

        Assert.Equal("ab", ReadTokens(2).Order().Aggregate(string.Empty, (s, c) => s + c));
    }

    [Fact]
    public async Task Pool_GivesBackTheSameByteItRead()
    {
        WriteTokens("Z");
        var client = JobserverClient.TryOpen(new JobserverAuth(_fifo, -1, -1, "test"), out _);
        using (var pool = new TokenPool(client))
        {
            await pool.EnsureSlotAsync(0, CancellationToken.None).AsTask().WaitAsync(Timeout);
            await pool.EnsureSlotAsync(1, CancellationToken.None).AsTask().WaitAsync(Timeout);
            pool.Idle(1);
        }

        Assert.Equal("Z", new string(ReadTokens(1)));
    }

    [Fact]
    public void TryOpen_MissingFifo_SaysWhy()
    {
        var client = JobserverClient.TryOpen(new JobserverAuth(Path.Combine(_directory, "nope"), -1, -1, "test"), out var problem);

        Assert.Null(client);
        Assert.Contains("does not exist", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryOpen_ClosedDescriptors_SaysWhy()
    {
        var client = JobserverClient.TryOpen(new JobserverAuth(null, 987, 988, "MAKEFLAGS"), out var problem);

        Assert.Null(client);
        Assert.Contains("cannot be used", problem, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _make.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void WriteTokens(string tokens)
    {
        _make.Write(System.Text.Encoding.ASCII.GetBytes(tokens));
        _make.Flush();
    }

    private char[] ReadTokens(int count)
    {
        var buffer = new byte[count];
        var read = 0;
        var task = Task.Run(() =>
        {
            while (read < count)
            {
                read += _make.Read(buffer, read, count - read);
            }
        });
        Assert.True(task.Wait(Timeout), "tokens did not come back");
        return [.. buffer.Select(b => (char)b)];
    }
}
