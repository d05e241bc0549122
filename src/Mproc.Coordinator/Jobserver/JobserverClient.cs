using Microsoft.Win32.SafeHandles;

namespace Mproc.Coordinator.Jobserver;

/// <summary>
/// A GNU make jobserver: a pipe holding one byte per free job slot. A token is taken by reading a
/// byte and given back by writing that same byte. Reads block, so one reader task serves waiters
/// in turn; a byte that arrives for a waiter who gave up is written straight back, so no token is
/// ever kept by accident.
/// </summary>
public sealed class JobserverClient : IDisposable
{
    private readonly FileStream _read;
    private readonly FileStream _write;
    private readonly Queue<TaskCompletionSource<byte>> _waiters = new();
    private readonly Lock _gate = new();
    private bool _reading;
    private bool _disposed;

    private JobserverClient(FileStream read, FileStream write)
    {
        _read = read;
        _write = write;
    }

    /// <summary>Opens the jobserver, or says in <paramref name="problem"/> why it cannot be used.</summary>
    public static JobserverClient? TryOpen(JobserverAuth auth, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(auth);
        try
        {
            if (auth.IsFifo)
            {
                if (!File.Exists(auth.FifoPath))
                {
                    problem = $"jobserver fifo {auth.FifoPath} does not exist";
                    return null;
                }

                // Read-write, so opening never blocks waiting for the other end.
                var handle = File.OpenHandle(auth.FifoPath!, FileMode.Open, FileAccess.ReadWrite);
                problem = null;
                return new JobserverClient(new FileStream(handle, FileAccess.Read, 1), new FileStream(handle, FileAccess.Write, 1));
            }

            foreach (var fd in new[] { auth.ReadFd, auth.WriteFd })
            {
                if (!IsOpenDescriptor(fd))
                {
                    problem = $"jobserver {auth} cannot be used: descriptor {fd} is not a pipe open in this process (run the command with a '+' prefix or through $(MAKE) so make passes it on)";
                    return null;
                }
            }

            var read = new FileStream(new SafeFileHandle(auth.ReadFd, ownsHandle: false), FileAccess.Read, 1);
            var write = new FileStream(new SafeFileHandle(auth.WriteFd, ownsHandle: false), FileAccess.Write, 1);
            problem = null;
            return new JobserverClient(read, write);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = $"jobserver {auth} cannot be used: {ex.Message}";
            return null;
        }
    }

    /// <summary>True when <paramref name="fd"/> is open here and is a pipe (or a named pipe), as a jobserver's is (an anonymous pipe, or a path for a named one).</summary>
    private static bool IsOpenDescriptor(int fd)
    {
        var name = fd.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var folder in new[] { "/proc/self/fd", "/dev/fd" })
        {
            if (Directory.Exists(folder))
            {
                var target = new FileInfo(Path.Combine(folder, name)).LinkTarget;
                return target is not null && (target.StartsWith("pipe:", StringComparison.Ordinal) || target.StartsWith('/'));
            }
        }

        return true;
    }

    /// <summary>Waits for a free slot and returns its token byte.</summary>
    public Task<byte> AcquireAsync(CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<byte>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _waiters.Enqueue(waiter);
            if (!_reading)
            {
                _reading = true;
                _ = Task.Factory.StartNew(ReadLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }

        cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        return waiter.Task;
    }

    /// <summary>Gives a slot back: writes the very byte that was read.</summary>
    public void Release(byte token)
    {
        lock (_gate)
        {
            _write.WriteByte(token);
            _write.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var waiter in _waiters)
            {
                waiter.TrySetCanceled();
            }

            _waiters.Clear();
        }
    }

    private void ReadLoop()
    {
        var buffer = new byte[1];
        while (true)
        {
            int read;
            try
            {
                read = _read.Read(buffer, 0, 1);
            }
            catch (IOException)
            {
                read = 0;
            }

            lock (_gate)
            {
                if (read == 0)
                {
                    foreach (var waiter in _waiters)
                    {
                        waiter.TrySetException(new IOException("the jobserver closed its pipe"));
                    }

                    _waiters.Clear();
                    _reading = false;
                    return;
                }

                var delivered = false;
                while (!delivered && _waiters.TryDequeue(out var waiter))
                {
                    delivered = waiter.TrySetResult(buffer[0]);
                }

                if (!delivered)
                {
                    _write.WriteByte(buffer[0]);
                    _write.Flush();
                }

                if (_waiters.Count == 0 || _disposed)
                {
                    _reading = false;
                    return;
                }
            }
        }
    }
}
