using System.Buffers;
using System.IO.Pipelines;

namespace Mproc.Protocol.Transport;

/// <summary>One end of a <see cref="DuplexPipe"/>: reads from one pipe, writes to the other.</summary>
internal sealed class PipeDuplexStream : Stream
{
    private readonly PipeReader reader;
    private readonly PipeSignal readSignal;
    private readonly PipeWriter writer;
    private readonly PipeSignal writeSignal;
    private int disposed;

    /// <param name="readSignal">Notified by the peer whenever it writes to <paramref name="reader"/>'s pipe.</param>
    /// <param name="writeSignal">Notified by this stream whenever it writes to <paramref name="writer"/>'s pipe.</param>
    public PipeDuplexStream(PipeReader reader, PipeSignal readSignal, PipeWriter writer, PipeSignal writeSignal)
    {
        this.reader = reader;
        this.readSignal = readSignal;
        this.writer = writer;
        this.writeSignal = writeSignal;
    }

    public override bool CanRead => disposed == 0;

    public override bool CanWrite => disposed == 0;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    // Blocks this thread on the peer's signal rather than on a task, so it needs no other thread to wake it.
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        try
        {
            while (true)
            {
                long seen = readSignal.Version;
                if (reader.TryRead(out ReadResult result))
                {
                    if (TryTake(result, buffer, out int count))
                    {
                        return count;
                    }
                }

                readSignal.WaitForChange(seen);
            }
        }
        catch (InvalidOperationException) when (Volatile.Read(ref disposed) != 0)
        {
            // This side was disposed while the read was in progress.
            return 0;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (TryTake(result, buffer.Span, out int count))
                {
                    return count;
                }
            }
        }
        catch (InvalidOperationException) when (Volatile.Read(ref disposed) != 0)
        {
            // This side was disposed while the read was in progress.
            return 0;
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ValueTask<FlushResult> flush = StartWrite(buffer, CancellationToken.None);

        // Blocks only when the reader is more than the pause threshold behind.
        FlushResult result = flush.IsCompletedSuccessfully ? flush.Result : flush.AsTask().GetAwaiter().GetResult();
        ThrowIfPeerGone(result);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        FlushResult result = await StartWrite(buffer.Span, cancellationToken).ConfigureAwait(false);
        ThrowIfPeerGone(result);
    }

    // Writes are flushed to the reader as they are made.
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Copies what <paramref name="result"/> holds into <paramref name="buffer"/>; false when there was nothing and the pipe goes on.</summary>
    private bool TryTake(ReadResult result, Span<byte> buffer, out int count)
    {
        ReadOnlySequence<byte> data = result.Buffer;
        if (!data.IsEmpty)
        {
            count = (int)Math.Min(buffer.Length, data.Length);
            data.Slice(0, count).CopyTo(buffer);
            reader.AdvanceTo(data.GetPosition(count));
            return true;
        }

        reader.AdvanceTo(data.Start, data.End);

        // Completed: the other side is gone. Cancelled: this side is being disposed.
        count = 0;
        return result.IsCompleted || result.IsCanceled;
    }

    /// <summary>Copies <paramref name="buffer"/> into the pipe and starts flushing it to the reader.</summary>
    private ValueTask<FlushResult> StartWrite(ReadOnlySpan<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        try
        {
            writer.Write(buffer);
            ValueTask<FlushResult> flush = writer.FlushAsync(cancellationToken);

            // The data is visible to the reader once the flush has started; wake a synchronous reader
            // now, as the flush itself may wait for that reader to catch up.
            writeSignal.Notify();
            return flush;
        }
        catch (InvalidOperationException ex) when (Volatile.Read(ref disposed) != 0)
        {
            throw new ObjectDisposedException("This end of the in-memory pipe was disposed during a write.", ex);
        }
    }

    private static void ThrowIfPeerGone(FlushResult result)
    {
        if (result.IsCompleted)
        {
            throw new IOException("The other end of the in-memory pipe is closed.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref disposed, 1) == 0)
        {
            writer.Complete();
            writeSignal.Notify();
            reader.CancelPendingRead();
            readSignal.Notify();
            reader.Complete();
        }

        base.Dispose(disposing);
    }
}
