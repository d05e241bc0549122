using System.Buffers;
using System.IO.Pipelines;

namespace Mproc.Protocol.Transport;

/// <summary>One end of a <see cref="DuplexPipe"/>: reads from one pipe, writes to the other.</summary>
internal sealed class PipeDuplexStream : Stream
{
    private readonly PipeReader reader;
    private readonly PipeWriter writer;
    private int disposed;

    public PipeDuplexStream(PipeReader reader, PipeWriter writer)
    {
        this.reader = reader;
        this.writer = writer;
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
        return ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public override int Read(Span<byte> buffer)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            int count = Read(rented, 0, buffer.Length);
            rented.AsSpan(0, count).CopyTo(buffer);
            return count;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
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
                ReadOnlySequence<byte> data = result.Buffer;
                if (!data.IsEmpty)
                {
                    int count = (int)Math.Min(buffer.Length, data.Length);
                    data.Slice(0, count).CopyTo(buffer.Span);
                    reader.AdvanceTo(data.GetPosition(count));
                    return count;
                }

                reader.AdvanceTo(data.Start, data.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    // Completed: the other side is gone. Cancelled: this side is being disposed.
                    return 0;
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
        WriteAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        FlushResult result;
        try
        {
            result = await writer.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (Volatile.Read(ref disposed) != 0)
        {
            throw new ObjectDisposedException("This end of the in-memory pipe was disposed during a write.", ex);
        }

        if (result.IsCompleted)
        {
            throw new IOException("The other end of the in-memory pipe is closed.");
        }
    }

    // Writes are flushed to the reader as they are made.
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref disposed, 1) == 0)
        {
            writer.Complete();
            reader.CancelPendingRead();
            reader.Complete();
        }

        base.Dispose(disposing);
    }
}
