using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mproc.Tests.Infrastructure;

/// <summary>
/// A real redis-server of the test's own: on a free loopback port, its files in a temporary folder,
/// its password in an owner-only configuration file (never on a command line), stopped (and the
/// folder removed) on dispose. Needs redis-server on PATH (CI installs Debian's package).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private RedisServer(Process process, DirectoryInfo folder, int port, string password)
    {
        _process = process;
        _folder = folder;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    public string Password { get; }

    /// <summary>The address with the password, as a user would put it in MPROC_QUEUE.</summary>
    public string Url => $"redis://:{Password}@127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var folder = TestTemp.CreateDirectory("redis-");
        var port = FreePort();
        var password = Guid.NewGuid().ToString("N");
        var config = Path.Combine(folder.FullName, "redis.conf");
        await File.WriteAllTextAsync(config, string.Join('\n',
            $"port {port}",
            "bind 127.0.0.1",
            "save \"\"",
            "appendonly no",
            $"dir {folder.FullName}",
            $"requirepass {password}",
            "")).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("redis-server")
            {
                ArgumentList = { config },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("these tests need redis-server on PATH (Debian: apt-get install redis-server)", e);
        }
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, folder, port, password);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
