using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport;

/// <summary>
/// The worker's end of its event log (<see cref="EventLogLayout"/>): appends messages as frames, each
/// visible to the coordinator, and durable should this process die, the moment
/// <see cref="TryAppend"/> returns. Used by one thread at a time (callers serialize).
/// </summary>
public sealed class EventLogWriter : IDisposable
{
    private static readonly TimeSpan FullWait = TimeSpan.FromMilliseconds(1);

    /// <summary>How long an append waits for room before it takes the coordinator to be gone.</summary>
    public static readonly TimeSpan DefaultRoomTimeout = TimeSpan.FromSeconds(30);

    private readonly EventLogMapping _mapping;
    private readonly SegmentedBufferWriter _scratch = new();
    private long _written;

    private readonly TimeSpan _roomTimeout;

    private EventLogWriter(EventLogMapping mapping, TimeSpan roomTimeout)
    {
        _mapping = mapping;
        _roomTimeout = roomTimeout;
        _written = mapping.WritePosition;
    }

    /// <summary>Frames larger than this go on the connection instead (see <see cref="TryAppend"/>).</summary>
    public int MaxFrameSize => _mapping.Capacity / EventLogLayout.MaxFrameShare;

    /// <summary>Maps the log the coordinator created at <paramref name="path"/>.</summary>
    public static EventLogWriter Open(string path, TimeSpan? roomTimeout = null) =>
        new(EventLogMapping.Open(path), roomTimeout ?? DefaultRoomTimeout);

    /// <summary>
    /// Removes the name of a log both ends have mapped (the coordinator's and this one): none is left
    /// behind whatever happens next. Quietly does nothing where a mapped file keeps its name (Windows).
    /// </summary>
    public static void RemoveName(string path) => EventLogMapping.DeleteQuietly(path);

    /// <summary>
    /// Appends <paramref name="message"/>; false (and nothing appended) when its frame is larger than
    /// <see cref="MaxFrameSize"/>. Waits while the ring is too full for it, until the coordinator
    /// has taken enough out; throws <see cref="IOException"/> if it has not after the room timeout
    /// (it stopped reading: gone, or done with this worker).
    /// </summary>
    public bool TryAppend(IMessage message)
    {
        _scratch.Reset();
        FrameWriter.AppendFrame(_scratch, message);
        var size = _scratch.WrittenCount;
        if (size > MaxFrameSize)
        {
            return false;
        }

        var waited = 0L;
        while (_mapping.Capacity - (_written - _mapping.ReadPosition) < size)
        {
            waited = waited == 0 ? System.Diagnostics.Stopwatch.GetTimestamp() : waited;
            if (System.Diagnostics.Stopwatch.GetElapsedTime(waited) > _roomTimeout)
            {
                throw new IOException($"The event log has had no room for {_roomTimeout.TotalSeconds:0.#} s: the coordinator stopped reading it.");
            }

            Thread.Sleep(FullWait);
        }

        var position = _written;
        for (var i = 0; i < _scratch.SegmentCount; i++)
        {
            var segment = _scratch.WrittenSegment(i);
            _mapping.WriteRing(position, segment);
            position += segment.Length;
        }

        _written = position;
        _mapping.WritePosition = position;
        return true;
    }

    /// <summary>Tests failed in the run outside this worker, as far as the coordinator knows (see <see cref="EventLogLayout"/>).</summary>
    public int FailuresElsewhere => _mapping.FailuresElsewhere;

    public void Dispose()
    {
        _scratch.Dispose();
        _mapping.Dispose();
    }
}
