using System.Net.Sockets;
using static Mproc.Tests.Protocol.Transport.FrameTestHelpers;

namespace Mproc.Tests.Protocol.Transport;

/// <summary>A connected pair of streams over a real Unix domain socket in a fresh temporary folder.</summary>
internal sealed class UnixSocketPair : IAsyncDisposable
{
    private readonly string directory;

    private UnixSocketPair(string directory, NetworkStream client, NetworkStream server)
    {
        this.directory = directory;
        Client = client;
        Server = server;
    }

    public NetworkStream Client { get; }

    public NetworkStream Server { get; }

    public static async Task<UnixSocketPair> ConnectAsync()
    {
        // Unix socket paths are limited to ~104 bytes: keep the name short.
        string directory = Path.Combine(Path.GetTempPath(), "mproc-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var endPoint = new UnixDomainSocketEndPoint(Path.Combine(directory, "s"));
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(endPoint);
        listener.Listen(1);

        var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        Task connect = client.ConnectAsync(endPoint);
        Socket server = await listener.AcceptAsync().WaitAsync(TestTimeout);
        await connect.WaitAsync(TestTimeout);
        return new UnixSocketPair(directory, new NetworkStream(client, ownsSocket: true), new NetworkStream(server, ownsSocket: true));
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
