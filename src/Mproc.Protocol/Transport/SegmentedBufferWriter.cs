using System.Buffers;

namespace Mproc.Protocol.Transport;

/// <summary>
/// A growable buffer made of pooled segments of <see cref="SegmentSize"/> bytes, whose written bytes
/// stay writable (to patch frame headers). Growing never copies and never asks for an array on the
/// large object heap: a large message (a worker's discovery of thousands of tests) would otherwise
/// allocate ever larger arrays there, and the first such allocations make the runtime collect the
/// whole heap (with NUnit's test tree in it) before a single test has run. Only a single span asked
/// for larger than a segment (a huge string) gets a segment of its own size.
/// </summary>
internal sealed class SegmentedBufferWriter : IBufferWriter<byte>, IDisposable
{
    /// <summary>Below the runtime's large-object threshold (85,000 bytes).</summary>
    public const int SegmentSize = 64 * 1024;

    private readonly List<Segment> segments = [];
    private int written;

    public SegmentedBufferWriter()
    {
        segments.Add(new Segment(ArrayPool<byte>.Shared.Rent(SegmentSize), 0));
    }

    public int WrittenCount => written;

    public int SegmentCount => segments.Count;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var last = segments[^1];
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, last.Array.Length - last.Used);
        last.Used += count;
        written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        var last = Reserve(sizeHint);
        return last.Array.AsMemory(last.Used);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var last = Reserve(sizeHint);
        return last.Array.AsSpan(last.Used);
    }

    /// <summary>
    /// <paramref name="length"/> written bytes from <paramref name="position"/> (a count of bytes
    /// written before them), which must lie in one segment: true of any span that one
    /// <see cref="GetSpan"/> call handed out.
    /// </summary>
    public Span<byte> WrittenSpanAt(int position, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var start = 0;
        foreach (var segment in segments)
        {
            if (position < start + segment.Used)
            {
                var offset = position - start;
                ArgumentOutOfRangeException.ThrowIfGreaterThan(length, segment.Used - offset);
                return segment.Array.AsSpan(offset, length);
            }

            start += segment.Used;
        }

        throw new ArgumentOutOfRangeException(nameof(position), $"Position {position} is past the {written} bytes written.");
    }

    /// <summary>The written bytes of segment <paramref name="index"/> (0 .. <see cref="SegmentCount"/> - 1), in order.</summary>
    public ReadOnlySpan<byte> WrittenSegment(int index) => segments[index].Array.AsSpan(0, segments[index].Used);

    /// <summary>Forgets everything from <paramref name="count"/> bytes on.</summary>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, written);
        var keep = count;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (keep <= segment.Used)
            {
                segment.Used = keep;
                ReturnFrom(i + 1);
                break;
            }

            keep -= segment.Used;
        }

        written = count;
    }

    /// <summary>Writes everything written so far to <paramref name="stream"/>, a segment at a time.</summary>
    public void CopyTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        foreach (var segment in segments)
        {
            if (segment.Used > 0)
            {
                stream.Write(segment.Array.AsSpan(0, segment.Used));
            }
        }
    }

    /// <summary>Writes everything written so far to <paramref name="destination"/>.</summary>
    public void CopyTo(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        foreach (var segment in segments)
        {
            destination.Write(segment.Array.AsSpan(0, segment.Used));
        }
    }

    /// <summary>Empties the buffer; every segment but the first goes back to the pool.</summary>
    public void Reset()
    {
        segments[0].Used = 0;
        ReturnFrom(1);
        written = 0;
    }

    public void Dispose()
    {
        foreach (var segment in segments)
        {
            if (segment.Array.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(segment.Array);
            }
        }

        segments.Clear();
        segments.Add(new Segment([], 0));
        written = 0;
    }

    private Segment Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        var last = segments[^1];
        if (last.Array.Length - last.Used >= needed)
        {
            return last;
        }

        var next = new Segment(ArrayPool<byte>.Shared.Rent(Math.Max(needed, SegmentSize)), 0);
        if (last.Used == 0)
        {
            // An empty last segment too small for this span is replaced, not left empty in the chain.
            if (last.Array.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(last.Array);
            }

            segments[^1] = next;
        }
        else
        {
            segments.Add(next);
        }

        return next;
    }

    private void ReturnFrom(int index)
    {
        for (var i = index; i < segments.Count; i++)
        {
            ArrayPool<byte>.Shared.Return(segments[i].Array);
        }

        segments.RemoveRange(index, segments.Count - index);
    }

    // A class: a list of it is code the runtime has ready, where a list of a struct would be compiled on the spot.
    private sealed class Segment(byte[] array, int used)
    {
        public byte[] Array { get; } = array;

        public int Used { get; set; } = used;
    }
}
