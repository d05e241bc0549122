using System.IO.Pipes;

namespace Mproc.Worker;

/// <summary>
/// How a worker session reaches the coordinator's queue: the named pipe (a Unix domain socket on
/// Linux and macOS) the coordinator created and named, the current user's only. A worker process
/// connects this way, and so does the session --disable-mproc runs inside the coordinator.
/// </summary>
internal static class QueueClient
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The connection to the queue at <paramref name="pipePath"/>, waiting for it to listen for up to
    /// 30 s; throws <see cref="TimeoutException"/> or <see cref="IOException"/> when there is none.
    /// </summary>
    public static NamedPipeClientStream Connect(string pipePath)
    {
        var pipe = new NamedPipeClientStream(".", pipePath, PipeDirection.InOut, PipeOptions.CurrentUserOnly);
        try
        {
            pipe.Connect(ConnectTimeout);
            return pipe;
        }
        catch
        {
            pipe.Dispose();
            throw;
        }
    }
}
