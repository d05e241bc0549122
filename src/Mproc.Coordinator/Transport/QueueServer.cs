using System.IO.Pipes;
using Microsoft.Extensions.Logging;

namespace Mproc.Coordinator.Transport;

/// <summary>
/// The named pipe workers connect to: a Unix domain socket on Linux and macOS, usable by the current
/// user only. The server creates and names it (<see cref="PipePath"/>) and hands that to workers.
/// Each connection is served by <c>onConnection</c> on its own task.
/// </summary>
public sealed class QueueServer : IAsyncDisposable
{
    // sockaddr_un.sun_path is 108 bytes on Linux and 104 on macOS, including the terminator.
    private const int MaxSocketPathLength = 103;

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
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string PipePath { get; }

    public static QueueServer Start(string runId, Func<Stream, CancellationToken, Task> onConnection, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var path = PipePathFor(runId);
        var server = new QueueServer(path, onConnection, logger);
        CoordinatorLog.QueueListening(logger, path);
        return server;
    }

    /// <summary>The socket path for a run: in the temp folder, or /tmp when that would be too long.</summary>
    public static string PipePathFor(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var name = $"mproc-{runId[..Math.Min(16, runId.Length)]}.sock";
        if (OperatingSystem.IsWindows())
        {
            return name;
        }

        var path = Path.Combine(Path.GetTempPath(), name);
        if (path.Length > MaxSocketPathLength)
        {
            path = Path.Combine("/tmp", name);
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
        }
    }

    private async Task AcceptLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            var pipe = new NamedPipeServerStream(
                PipePath,
                PipeDirection.InOut,
                NamedPipeServerStream.MaxAllowedServerInstances,
                PipeTransmissionMode.Byte,
                PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly);
            try
            {
                await pipe.WaitForConnectionAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await pipe.DisposeAsync().ConfigureAwait(false);
                return;
            }
            catch (IOException ex)
            {
                await pipe.DisposeAsync().ConfigureAwait(false);
                CoordinatorLog.ConnectionDropped(_logger, ex.Message);
                continue;
            }

            lock (_connections)
            {
                _connections.Add(ServeAsync(pipe, token));
            }
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
