using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport;

/// <summary>
/// Writes messages as frames (<see cref="FrameLayout"/>) to a stream with blocking writes: the worker's
/// side, whose test thread sends its events, and the coordinator's requests to a fixture host, sent
/// from any thread (the coordinator writes to its workers with <see cref="PipeFrameWriter"/>). Safe
/// to use from several threads.
/// <see cref="Send"/> only appends to an in-memory buffer, so a burst of small messages costs one
/// write; <see cref="Flush"/> puts everything buffered on the stream, in the order it was sent. A
/// buffer that grows past <see cref="WriteThreshold"/> is written out by <see cref="Send"/> itself,
/// unless another thread is writing at that moment (<see cref="Send"/> never waits for the stream,
/// nor does <see cref="TryFlush"/>).
/// <para>
/// If a write to the stream fails or is cancelled, a frame may be cut in half: the writer is then
/// broken and every later call throws <see cref="IOException"/>.
/// </para>
/// </summary>
public sealed class FrameWriter : IDisposable
{
    /// <summary>Buffered bytes past which <see cref="Send"/> writes to the stream without being asked.</summary>
    public const int WriteThreshold = 64 * 1024;

    private readonly Stream stream;
    private readonly bool leaveOpen;

    // Guards pending (and disposed/broken). Held only for in-memory work, never across I/O.
    private readonly Lock bufferLock = new();

    // One stream writer at a time. Taken before the buffers are swapped, so frames keep their order.
    private readonly SemaphoreSlim streamLock = new(1, 1);

    private SegmentedBufferWriter pending = new();
    private SegmentedBufferWriter writing = new();
    private bool disposed;
    private Exception? brokenBy;

    public FrameWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        }

        this.stream = stream;
        this.leaveOpen = leaveOpen;
    }

    /// <summary>Appends <paramref name="message"/> to the buffer; it reaches the stream on the next flush.</summary>
    public void Send(IMessage message)
    {
        // Never wait here for another thread's write: if one is under way, keep buffering.
        if (AppendToPending(message) && streamLock.Wait(0))
        {
            WriteBufferedLocked(flushStream: false, disposing: false);
        }
    }

    /// <summary>Writes everything buffered to the stream and flushes the stream.</summary>
    public void Flush() => WriteBuffered(flushStream: true);

    /// <summary>
    /// As <see cref="Flush"/>, unless another thread is writing to the stream: then false at once, and
    /// what is buffered goes with a later flush. For a flush on a timer, which must never wait for a
    /// stream that a slow reader holds up (each tick would hold one more thread-pool thread).
    /// </summary>
    public bool TryFlush()
    {
        if (!streamLock.Wait(0))
        {
            return false;
        }

        WriteBufferedLocked(flushStream: true, disposing: false);
        return true;
    }

    /// <summary>Flushes what is buffered (a peer already gone is not an error here) and closes the stream unless left open.</summary>
    public void Dispose()
    {
        if (!BeginDispose())
        {
            return;
        }

        try
        {
            WriteBuffered(flushStream: true, disposing: true);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The peer or the stream is gone: what was still buffered has nowhere to go.
        }
        finally
        {
            ReleaseBuffers();
            if (!leaveOpen)
            {
                stream.Dispose();
            }
        }
    }

    /// <summary>Encodes <paramref name="message"/> into the pending buffer; true when that buffer is past <see cref="WriteThreshold"/>.</summary>
    private bool AppendToPending(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (bufferLock)
        {
            ThrowIfUnusable();
            AppendFrame(pending, message);
            return pending.WrittenCount >= WriteThreshold;
        }
    }

    /// <summary>Encodes <paramref name="message"/> as one whole frame at the end of <paramref name="buffer"/>; on failure nothing of it stays.</summary>
    internal static void AppendFrame(SegmentedBufferWriter buffer, IMessage message)
    {
        // The header is filled in once the body's length is known; it starts where its span does,
        // which may be a new segment.
        buffer.GetSpan(FrameLayout.HeaderSize);
        int frameStart = buffer.WrittenCount;
        buffer.Advance(FrameLayout.HeaderSize);
        try
        {
            MessageSerializer.Encode(message, buffer);
            int bodyLength = buffer.WrittenCount - frameStart - FrameLayout.HeaderSize;
            FrameLayout.WriteHeader(buffer.WrittenSpanAt(frameStart, FrameLayout.HeaderSize), message.TypeId, bodyLength);
        }
        catch
        {
            buffer.Truncate(frameStart);
            throw;
        }
    }

    private void WriteBuffered(bool flushStream, bool disposing = false)
    {
        streamLock.Wait();
        WriteBufferedLocked(flushStream, disposing);
    }

    // Called with streamLock held; releases it.
    private void WriteBufferedLocked(bool flushStream, bool disposing)
    {
        try
        {
            if (!TakePending(disposing))
            {
                return;
            }

            try
            {
                writing.CopyTo(stream);

                if (flushStream)
                {
                    stream.Flush();
                }
            }
            catch (Exception ex)
            {
                MarkBroken(ex);
                throw;
            }
            finally
            {
                writing.Reset();
            }
        }
        finally
        {
            streamLock.Release();
        }
    }

    // Called with streamLock held: swaps what is pending into 'writing'. False when nothing may be written.
    private bool TakePending(bool disposing)
    {
        lock (bufferLock)
        {
            if (disposing)
            {
                if (brokenBy is not null)
                {
                    return false;
                }
            }
            else
            {
                ThrowIfUnusable();
            }

            (pending, writing) = (writing, pending);
            return true;
        }
    }

    private void MarkBroken(Exception ex)
    {
        lock (bufferLock)
        {
            brokenBy ??= ex;
        }
    }

    private bool BeginDispose()
    {
        lock (bufferLock)
        {
            if (disposed)
            {
                return false;
            }

            disposed = true;
            return true;
        }
    }

    private void ReleaseBuffers()
    {
        streamLock.Wait();
        try
        {
            lock (bufferLock)
            {
                pending.Dispose();
                writing.Dispose();
            }
        }
        finally
        {
            streamLock.Release();
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (brokenBy is not null)
        {
            throw new IOException("The frame stream is unusable: an earlier write failed.", brokenBy);
        }
    }
}
