using System.Diagnostics;
using System.Net.Sockets;
using Mproc.Coordinator.Transport;
using Xunit;

namespace Mproc.Tests.Coordinator.Transport;

/// <summary>
/// The queue's socket on a real Unix domain socket: owner-only in an owner-only run folder, whatever
/// the umask; a refused peer does not end the accept loop; nothing is left when the server is disposed.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class QueueServerTests
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Start_SocketIsOwnerOnly_InAnOwnerOnlyRunFolder()
    {
        await using var server = QueueServer.Start(NewRunId(), (_, _) => Task.CompletedTask, new Mproc.Tests.Running.EventLog());

        var folder = Path.GetDirectoryName(server.PipePath)!;
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(folder));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(server.PipePath));
    }

    [Fact]
    public async Task Dispose_RemovesTheSocketAndItsRunFolder()
    {
        var server = QueueServer.Start(NewRunId(), (_, _) => Task.CompletedTask, new Mproc.Tests.Running.EventLog());
        var folder = Path.GetDirectoryName(server.PipePath)!;

        await server.DisposeAsync();

        Assert.False(File.Exists(server.PipePath));
        Assert.False(Directory.Exists(folder));
    }

    /// <summary>
    /// Another user cannot reach the socket through the run folder; were the socket reachable (here:
    /// opened up on purpose), that user's connection is refused, logged, and the next connection is
    /// still served. Connecting as another user needs root, as CI runs; as anyone else there is no
    /// other user to be, and the test has nothing to show.
    /// </summary>
    [Fact]
    public async Task AnotherUsersConnection_IsKeptOutOrRefused_AndTheNextOneIsServed()
    {
        if (Environment.UserName != "root")
        {
            return;
        }

        var served = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var logger = new Mproc.Tests.Running.EventLog();
        await using var server = QueueServer.Start(NewRunId(), (_, _) => { served.TrySetResult(); return Task.CompletedTask; }, logger);
        var folder = Path.GetDirectoryName(server.PipePath)!;

        Assert.NotEqual(0, await ConnectAsNobodyAsync(server.PipePath));

        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(server.PipePath, (UnixFileMode)0b111_111_111);
        Assert.Equal(0, await ConnectAsNobodyAsync(server.PipePath));
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(server.PipePath)).WaitAsync(Timeout);
            await served.Task.WaitAsync(Timeout);
        }

        Assert.Contains("ConnectionDropped", logger.Events);
    }

    /// <summary>Connects to the socket as user nobody and closes; the exit code of that attempt (0 when connected).</summary>
    private static async Task<int> ConnectAsNobodyAsync(string path)
    {
        var info = new ProcessStartInfo("setpriv")
        {
            RedirectStandardError = true,
            ArgumentList =
            {
                "--reuid=65534", "--regid=65534", "--clear-groups",
                "/usr/bin/python3", "-c", "import socket, sys; s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.close()", path,
            },
        };
        using var process = Process.Start(info)!;
        await process.StandardError.ReadToEndAsync().WaitAsync(Timeout);
        await process.WaitForExitAsync().WaitAsync(Timeout);
        return process.ExitCode;
    }

    private static string NewRunId() => Guid.NewGuid().ToString("N");
}
