using System.Buffers;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport;

/// <summary>
/// The coordinator's end of a worker's event log (<see cref="EventLogLayout"/>): creates the file,
/// and takes out what the worker appended. Used by one thread at a time (callers serialize).
/// A frame that does not decode throws <see cref="ProtocolException"/>, as on the connection.
/// </summary>
public sealed class EventLogReader : IDisposable
{
    private readonly EventLogMapping _mapping;
    private long _taken;

    private EventLogReader(string path, EventLogMapping mapping)
    {
        Path = path;
        _mapping = mapping;
    }

    public string Path { get; }

    /// <summary>Creates a new, empty log at <paramref name="path"/> (which must not exist) and maps it.</summary>
    public static EventLogReader Create(string path, int capacity = EventLogLayout.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new EventLogReader(path, EventLogMapping.Create(path, capacity));
    }

    /// <summary>
    /// Takes out the whole frames appended so far, in order, until <paramref name="handle"/> returns
    /// false (that frame is taken, the rest stay for the next call); returns how many were taken.
    /// </summary>
    public int Drain(Func<IMessage, bool> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var appended = _mapping.WritePosition;
        if (appended - _taken is < 0 or > int.MaxValue || appended - _taken > _mapping.Capacity)
        {
            throw new ProtocolException($"Event log position {appended} is outside the ring (taken {_taken}, capacity {_mapping.Capacity}).");
        }

        var count = 0;
        Span<byte> prefix = stackalloc byte[FrameLayout.LengthPrefixSize];
        while (appended - _taken >= FrameLayout.LengthPrefixSize)
        {
            _mapping.ReadRing(_taken, prefix);
            var frameSize = FrameLayout.LengthPrefixSize + FrameLayout.ReadLength(prefix);
            if (frameSize > appended - _taken)
            {
                throw new ProtocolException($"An event log frame of {frameSize} bytes runs past the {appended - _taken} bytes appended.");
            }

            var message = Decode(frameSize);
            _taken += frameSize;
            _mapping.ReadPosition = _taken;
            count++;
            if (!handle(message))
            {
                return count;
            }
        }

        if (appended != _taken)
        {
            throw new ProtocolException($"The event log ends inside a frame ({appended - _taken} bytes left).");
        }

        return count;
    }

    /// <summary>Tells the worker how many tests failed in the run outside it (see <see cref="EventLogLayout"/>).</summary>
    public void PublishFailuresElsewhere(int failures) => _mapping.FailuresElsewhere = failures;

    /// <summary>Unmaps the log and deletes its file (if still there).</summary>
    public void Dispose()
    {
        _mapping.Dispose();
        EventLogMapping.DeleteQuietly(Path);
    }

    private IMessage Decode(int frameSize)
    {
        if (_mapping.TryRingMemory(_taken, frameSize, out var frame))
        {
            return MessageSerializer.Decode(FrameLayout.ReadTypeId(frame.Span), frame[FrameLayout.HeaderSize..]);
        }

        var copy = ArrayPool<byte>.Shared.Rent(frameSize);
        try
        {
            var memory = copy.AsMemory(0, frameSize);
            _mapping.ReadRing(_taken, memory.Span);
            return MessageSerializer.Decode(FrameLayout.ReadTypeId(memory.Span), memory[FrameLayout.HeaderSize..]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }
}
