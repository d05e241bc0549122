using System.Globalization;
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

            var descriptorProblem = InheritedPipeProblem(auth.ReadFd, auth.WriteFd);
            if (descriptorProblem is not null)
            {
                problem = $"jobserver {auth} cannot be used: {descriptorProblem} (run the command with a '+' prefix or through $(MAKE) so make passes the jobserver on)";
                return null;
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

    /// <summary>
    /// Why descriptors <paramref name="readFd"/>, <paramref name="writeFd"/> are not a jobserver this
    /// process inherited, or null. make closes them for commands it does not think are recursive
    /// while MAKEFLAGS still names them, and the runtime may have reused those numbers for its own
    /// pipes: an inherited jobserver is both ends of one pipe, and not close-on-exec (the runtime's
    /// own descriptors always are).
    /// </summary>
    private static string? InheritedPipeProblem(int readFd, int writeFd)
    {
        const string Descriptors = "/proc/self/fd";
        if (!Directory.Exists(Descriptors))
        {
            return null;
        }

        var readTarget = new FileInfo(Path.Combine(Descriptors, readFd.ToString(CultureInfo.InvariantCulture))).LinkTarget;
        var writeTarget = new FileInfo(Path.Combine(Descriptors, writeFd.ToString(CultureInfo.InvariantCulture))).LinkTarget;
        if (readTarget is null || writeTarget is null)
        {
            return $"descriptor {(readTarget is null ? readFd : writeFd)} is not open in this process";
        }

        if (readTarget != writeTarget || !(readTarget.StartsWith("pipe:", StringComparison.Ordinal) || readTarget.StartsWith('/')))
        {
            return $"descriptors {readFd} and {writeFd} are not the two ends of one pipe";
        }

        return IsCloseOnExec(readFd) || IsCloseOnExec(writeFd)
            ? $"descriptors {readFd} and {writeFd} were not inherited"
            : null;
    }

    private static bool IsCloseOnExec(int fd)
    {
        const int CloseOnExec = 0x80000; // O_CLOEXEC, 02000000 octal in fdinfo
        var info = Path.Combine("/proc/self/fdinfo", fd.ToString(CultureInfo.InvariantCulture));
        var flags = File.Exists(info) ? File.ReadLines(info).FirstOrDefault(l => l.StartsWith("flags:", StringComparison.Ordinal)) : null;
        return flags is not null && (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & CloseOnExec) != 0;
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
