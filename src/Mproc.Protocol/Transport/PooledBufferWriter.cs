using System.Buffers;

namespace Mproc.Protocol.Transport;

/// <summary>A growable buffer on <see cref="ArrayPool{T}"/> whose written bytes stay writable (to patch frame headers).</summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int MinimumSize = 256;

    private byte[] buffer;
    private int written;

    public PooledBufferWriter(int initialSize)
    {
        buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialSize, MinimumSize));
    }

    public int WrittenCount => written;

    public int Capacity => buffer.Length;

    public Span<byte> WrittenSpan => buffer.AsSpan(0, written);

    public ReadOnlyMemory<byte> WrittenMemory => buffer.AsMemory(0, written);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length - written);
        written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return buffer.AsMemory(written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return buffer.AsSpan(written);
    }

    /// <summary>Forgets everything from <paramref name="count"/> bytes on.</summary>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, written);
        written = count;
    }

    /// <summary>Empties the buffer; a buffer grown past <paramref name="keepAtMost"/> bytes goes back to the pool.</summary>
    public void Reset(int keepAtMost)
    {
        written = 0;
        if (buffer.Length > keepAtMost)
        {
            byte[] large = buffer;
            buffer = ArrayPool<byte>.Shared.Rent(Math.Max(keepAtMost, MinimumSize));
            ArrayPool<byte>.Shared.Return(large);
        }
    }

    public void Dispose()
    {
        byte[] toReturn = buffer;
        buffer = [];
        written = 0;
        if (toReturn.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(toReturn);
        }
    }

    private void Reserve(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (buffer.Length - written >= needed)
        {
            return;
        }

        long wanted = Math.Max((long)buffer.Length * 2, (long)written + needed);
        int newSize = (int)Math.Min(wanted, Array.MaxLength);
        if (newSize - written < needed)
        {
            throw new InsufficientMemoryException($"A buffer cannot grow past {Array.MaxLength} bytes.");
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(newSize);
        buffer.AsSpan(0, written).CopyTo(larger);
        byte[] old = buffer;
        buffer = larger;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old);
        }
    }
}
