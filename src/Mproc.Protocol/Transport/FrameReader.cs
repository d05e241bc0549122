using System.Buffers;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport;

/// <summary>
/// Reads frames (<see cref="FrameLayout"/>) from a stream with blocking reads and decodes their
/// messages: the worker's side, whose test thread waits for its answers (the coordinator reads with
/// <see cref="PipeFrameReader"/>). One reader per stream, used by one caller at a time. Reads ahead
/// into a pooled buffer, so a burst of small frames costs one read from the stream.
/// <para>
/// The end of the stream, also in the middle of a frame, is a clean end: the read returns null (and
/// so does every later read). A length out of range, an unknown type id or a body that does not
/// decode throw <see cref="ProtocolException"/>; the reader cannot go on after that.
/// </para>
/// </summary>
public sealed class FrameReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    // A buffer grown for a large frame goes back to the pool once it is empty again.
    private const int MaxRetainedBufferSize = 1024 * 1024;

    private readonly Stream stream;
    private readonly bool leaveOpen;
    private byte[] buffer;
    private int start;
    private int end;
    private bool ended;
    private bool disposed;

    public FrameReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(stream));
        }

        this.stream = stream;
        this.leaveOpen = leaveOpen;
        buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>The next message, or null when the stream has ended.</summary>
    public IMessage? Read()
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (TryTakeBuffered(out IMessage? message))
            {
                return message;
            }

            if (ended)
            {
                return null;
            }

            int count = stream.Read(buffer, end, buffer.Length - end);
            Received(count);
        }
    }

    public void Dispose()
    {
        if (Release() && !leaveOpen)
        {
            stream.Dispose();
        }
    }

    /// <summary>
    /// Decodes the next frame if it is wholly buffered. Otherwise makes room for it (or for its
    /// length prefix) after <see cref="end"/> and returns false.
    /// </summary>
    private bool TryTakeBuffered(out IMessage? message)
    {
        message = null;
        int available = end - start;
        if (available < FrameLayout.LengthPrefixSize)
        {
            EnsureRoom(FrameLayout.LengthPrefixSize);
            return false;
        }

        int length = FrameLayout.ReadLength(buffer.AsSpan(start, FrameLayout.LengthPrefixSize));
        int frameSize = FrameLayout.LengthPrefixSize + length;
        if (available < frameSize)
        {
            EnsureRoom(frameSize);
            return false;
        }

        MessageTypeId typeId = FrameLayout.ReadTypeId(buffer.AsSpan(start, frameSize));
        var body = buffer.AsMemory(start + FrameLayout.HeaderSize, frameSize - FrameLayout.HeaderSize);
        message = MessageSerializer.Decode(typeId, body);
        start += frameSize;
        if (start == end)
        {
            start = end = 0;
            if (buffer.Length > MaxRetainedBufferSize)
            {
                Replace(ArrayPool<byte>.Shared.Rent(InitialBufferSize));
            }
        }

        return true;
    }

    /// <summary>Makes the buffer hold <paramref name="frameSize"/> bytes from <see cref="start"/>, with room to read more.</summary>
    private void EnsureRoom(int frameSize)
    {
        if (buffer.Length - start >= frameSize && end < buffer.Length)
        {
            return;
        }

        int available = end - start;
        if (buffer.Length >= frameSize)
        {
            buffer.AsSpan(start, available).CopyTo(buffer);
        }
        else
        {
            int size = (int)Math.Min(Math.Max((long)buffer.Length * 2, frameSize), Array.MaxLength);
            byte[] larger = ArrayPool<byte>.Shared.Rent(size);
            buffer.AsSpan(start, available).CopyTo(larger);
            Replace(larger);
        }

        start = 0;
        end = available;
    }

    private void Received(int count)
    {
        if (count == 0)
        {
            ended = true;
        }
        else
        {
            end += count;
        }
    }

    private void Replace(byte[] newBuffer)
    {
        byte[] old = buffer;
        buffer = newBuffer;
        ArrayPool<byte>.Shared.Return(old);
    }

    private bool Release()
    {
        if (disposed)
        {
            return false;
        }

        disposed = true;
        byte[] old = buffer;
        buffer = [];
        start = end = 0;
        ArrayPool<byte>.Shared.Return(old);
        return true;
    }
}
