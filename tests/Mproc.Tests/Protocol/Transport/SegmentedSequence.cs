using System.Buffers;

namespace Mproc.Tests.Protocol.Transport;

/// <summary>Bytes as a <see cref="ReadOnlySequence{T}"/> of several segments, as a pipe hands them out.</summary>
internal static class SegmentedSequence
{
    /// <summary><paramref name="bytes"/> cut into segments at <paramref name="cuts"/> (ascending offsets).</summary>
    public static ReadOnlySequence<byte> Cut(byte[] bytes, params int[] cuts)
    {
        int[] bounds = [0, .. cuts, bytes.Length];
        var first = new Segment(bytes.AsMemory(bounds[0], bounds[1] - bounds[0]), 0);
        Segment last = first;
        for (int i = 1; i < bounds.Length - 1; i++)
        {
            last = last.Append(bytes.AsMemory(bounds[i], bounds[i + 1] - bounds[i]));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary><paramref name="bytes"/> in segments of <paramref name="size"/> bytes (the last may be shorter).</summary>
    public static ReadOnlySequence<byte> Chunked(byte[] bytes, int size) =>
        Cut(bytes, [.. Enumerable.Range(1, Math.Max(0, (bytes.Length - 1) / size)).Select(i => i * size)]);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
