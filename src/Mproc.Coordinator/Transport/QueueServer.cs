using System.IO.Pipes;
using Microsoft.Extensions.Logging;

namespace Mproc.Coordinator.Transport;

/// <summary>
/// The named pipe workers connect to: a Unix domain socket on Linux and macOS, usable by the current
/// user only. The server creates and names it (<see cref="PipePath"/>) and hands that to workers.
/// Each connection is served by <c>onConnection</c> on its own task. On Unix the socket (mode 0600)
/// sits in a run folder of its own (mode 0700, <see cref="RunFolder"/>) with the workers' event logs,
/// whatever the umask; a connection the pipe refuses (another user's) is logged and the loop goes on.
/// </summary>
public sealed class QueueServer : IAsyncDisposable
{
    // sockaddr_un.sun_path is 108 bytes on Linux and 104 on macOS, including the terminator.
    private const int MaxSocketPathLength = 103;
    private const string SocketName = "queue.sock";

    private readonly Func<Stream, CancellationToken, Task> _onConnection;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;

    private QueueServer(string pipePath, Func<Stream, CancellationToken, Task> onConnection, ILogger logger)
    {
        PipePath = pipePath;
        _onConnection = onConnection;
        _logger = logger;

        // The first instance binds the socket now, so it is there, owner-only, once Start returns.
        var first = NewInstance();
        OwnerOnly(pipePath);
        _acceptLoop = Task.Run(() => AcceptLoopAsync(first));
    }

    public string PipePath { get; }

    public static QueueServer Start(string runId, Func<Stream, CancellationToken, Task> onConnection, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var path = PipePathFor(runId);
        RunFolder.Create(path);
        var server = new QueueServer(path, onConnection, logger);
        CoordinatorLog.QueueListening(logger, path);
        return server;
    }

    /// <summary>The socket path for a run: in the run's folder in the temp folder, or in /tmp when that would be too long.</summary>
    public static string PipePathFor(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var folder = $"mproc-{runId[..Math.Min(16, runId.Length)]}";
        if (OperatingSystem.IsWindows())
        {
            return $"{folder}.sock";
        }

        var path = Path.Combine(Path.GetTempPath(), folder, SocketName);
        if (path.Length > MaxSocketPathLength)
        {
            path = Path.Combine("/tmp", folder, SocketName);
        }

        if (path.Length > MaxSocketPathLength)
        {
            throw new PathTooLongException($"socket path '{path}' is longer than {MaxSocketPathLength} bytes");
        }

        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
        _stopping.Dispose();
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(PipePath);
            RunFolder.RemoveIfEmpty(PipePath);
        }
    }

    private NamedPipeServerStream NewInstance() => new(
        PipePath,
        PipeDirection.InOut,
        NamedPipeServerStream.MaxAllowedServerInstances,
        PipeTransmissionMode.Byte,
        PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);

    private async Task AcceptLoopAsync(NamedPipeServerStream first)
    {
        var token = _stopping.Token;
        NamedPipeServerStream? next = first;
        while (!token.IsCancellationRequested)
        {
            var pipe = next ?? NewInstance();
            next = null;
            try
            {
                await pipe.WaitForConnectionAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await pipe.DisposeAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // UnauthorizedAccessException: a peer of another user, refused by CurrentUserOnly.
                // The next instance first: the last one disposed would close the listening socket.
                next = NewInstance();
                await pipe.DisposeAsync().ConfigureAwait(false);
                CoordinatorLog.ConnectionDropped(_logger, ex.Message);
                continue;
            }

            lock (_connections)
            {
                _connections.Add(ServeAsync(pipe, token));
            }
        }

        if (next is not null)
        {
            await next.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The socket as bound has the umask's mode; the folder already keeps others out, this says so on the socket too.</summary>
    private static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private async Task ServeAsync(NamedPipeServerStream pipe, CancellationToken token)
    {
        await using (pipe.ConfigureAwait(false))
        {
            await Task.Yield();
            await _onConnection(pipe, token).ConfigureAwait(false);
        }
    }
}
