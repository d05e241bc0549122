using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Mproc.Protocol.Transport;

/// <summary>An event log file mapped into this process (<see cref="EventLogLayout"/>): header fields and ring access.</summary>
internal sealed unsafe class EventLogMapping : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;
    private RingMemory? _ring;
    private bool _disposed;

    private EventLogMapping(MemoryMappedFile file, MemoryMappedViewAccessor view, int capacity)
    {
        _file = file;
        _view = view;
        Capacity = capacity;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _start = pointer + view.PointerOffset;
    }

    public int Capacity { get; }

    /// <summary>Creates the file (it must not exist yet), writes its header and maps it.</summary>
    public static EventLogMapping Create(string path, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 4096);
        // Owner-only whatever the umask: the log holds test messages and output.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite | FileShare.Delete };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.SetLength(EventLogLayout.HeaderSize + (long)capacity);
        }

        var mapping = Map(path, capacity);
        var header = mapping.Span(0, EventLogLayout.HeaderSize);
        header.Clear();
        EventLogLayout.Magic.CopyTo(header[EventLogLayout.MagicOffset..]);
        BitConverter.TryWriteBytes(header[EventLogLayout.VersionOffset..], EventLogLayout.LayoutVersion);
        BitConverter.TryWriteBytes(header[EventLogLayout.CapacityOffset..], (uint)capacity);
        return mapping;
    }

    /// <summary>Maps an existing log file after checking its header.</summary>
    public static EventLogMapping Open(string path)
    {
        uint capacity;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            Span<byte> header = stackalloc byte[EventLogLayout.HeaderSize];
            stream.ReadExactly(header);
            if (!header[EventLogLayout.MagicOffset..][..4].SequenceEqual(EventLogLayout.Magic)
                || BitConverter.ToUInt32(header[EventLogLayout.VersionOffset..]) != EventLogLayout.LayoutVersion)
            {
                throw new InvalidDataException($"{path} is not an event log of layout version {EventLogLayout.LayoutVersion}.");
            }

            capacity = BitConverter.ToUInt32(header[EventLogLayout.CapacityOffset..]);
            if (capacity < 4096 || capacity > int.MaxValue - EventLogLayout.HeaderSize || stream.Length < EventLogLayout.HeaderSize + (long)capacity)
            {
                throw new InvalidDataException($"{path}: event log capacity {capacity} does not fit the file.");
            }
        }

        return Map(path, (int)capacity);
    }

    public long WritePosition
    {
        get => Volatile.Read(ref *(long*)(_start + EventLogLayout.WritePositionOffset));
        set => Volatile.Write(ref *(long*)(_start + EventLogLayout.WritePositionOffset), value);
    }

    public long ReadPosition
    {
        get => Volatile.Read(ref *(long*)(_start + EventLogLayout.ReadPositionOffset));
        set => Volatile.Write(ref *(long*)(_start + EventLogLayout.ReadPositionOffset), value);
    }

    public int FailuresElsewhere
    {
        get => Volatile.Read(ref *(int*)(_start + EventLogLayout.FailuresElsewhereOffset));
        set => Volatile.Write(ref *(int*)(_start + EventLogLayout.FailuresElsewhereOffset), value);
    }

    /// <summary>Copies <paramref name="source"/> into the ring at stream position <paramref name="position"/>, wrapping at its end.</summary>
    public void WriteRing(long position, ReadOnlySpan<byte> source)
    {
        var offset = (int)(position % Capacity);
        var first = Math.Min(source.Length, Capacity - offset);
        source[..first].CopyTo(Span(EventLogLayout.HeaderSize + offset, first));
        source[first..].CopyTo(Span(EventLogLayout.HeaderSize, source.Length - first));
    }

    /// <summary>Copies ring bytes from stream position <paramref name="position"/> into <paramref name="destination"/>.</summary>
    public void ReadRing(long position, Span<byte> destination)
    {
        var offset = (int)(position % Capacity);
        var first = Math.Min(destination.Length, Capacity - offset);
        Span(EventLogLayout.HeaderSize + offset, first).CopyTo(destination);
        Span(EventLogLayout.HeaderSize, destination.Length - first).CopyTo(destination[first..]);
    }

    /// <summary>The ring bytes from stream position <paramref name="position"/>, if they do not wrap; valid until the mapping is disposed.</summary>
    public bool TryRingMemory(long position, int length, out ReadOnlyMemory<byte> memory)
    {
        var offset = (int)(position % Capacity);
        if (offset + length > Capacity)
        {
            memory = default;
            return false;
        }

        _ring ??= new RingMemory(this);
        memory = _ring.Memory.Slice(offset, length);
        return true;
    }

    /// <summary>Removes the log's file name, if it can (Windows keeps a mapped file's name): a mapped log needs none.</summary>
    public static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Still open elsewhere: the coordinator deletes it when it closes the log.
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    private static EventLogMapping Map(string path, int capacity)
    {
        var size = EventLogLayout.HeaderSize + (long)capacity;
        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        MemoryMappedFile? file = null;
        try
        {
            file = MemoryMappedFile.CreateFromFile(stream, mapName: null, size, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
            var view = file.CreateViewAccessor(0, size, MemoryMappedFileAccess.ReadWrite);
            return new EventLogMapping(file, view, capacity);
        }
        catch
        {
            if (file is null)
            {
                stream.Dispose();
            }
            else
            {
                file.Dispose();
            }

            throw;
        }
    }

    private Span<byte> Span(int offset, int length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Span<byte>(_start + offset, length);
    }

    /// <summary>The ring as Memory, for readers that take no span (the MessagePack reader).</summary>
    private sealed class RingMemory(EventLogMapping mapping) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => mapping.Span(EventLogLayout.HeaderSize, mapping.Capacity);

        // The mapping's pointer stays put while it lives: nothing to pin.
        public override MemoryHandle Pin(int elementIndex = 0) =>
            new(mapping._start + EventLogLayout.HeaderSize + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
