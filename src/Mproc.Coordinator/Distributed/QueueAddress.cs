using StackExchange.Redis;

namespace Mproc.Coordinator.Distributed;

/// <summary>
/// Where the shared queue lives: <c>redis://[user:password@]host[:port][/db]</c>, or <c>rediss://</c>
/// for TLS (the server's certificate checked against the host name). The password only ever goes
/// to the client's options: <see cref="ToString"/> leaves it out, so errors and logs can name the
/// address.
/// </summary>
public sealed record QueueAddress(string Host, int Port, bool Tls, string? User, string? Password, int Database)
{
    public const int DefaultPort = 6379;

    /// <summary>Reads an address; a message for the user when it is not one.</summary>
    public static bool TryParse(string text, out QueueAddress? address, out string? error)
    {
        address = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "redis" && uri.Scheme != "rediss"))
        {
            error = "the queue address must look like redis://host:port or rediss://host:port";
            return false;
        }
        if (string.IsNullOrEmpty(uri.Host))
        {
            error = "the queue address names no host";
            return false;
        }
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            if (user.Length == 0)
            {
                user = null;
            }
        }
        var database = 0;
        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0 && !int.TryParse(path, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out database))
        {
            error = $"the queue address's database '{path}' is not a number";
            return false;
        }
        address = new QueueAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, uri.Scheme == "rediss", user, password, database);
        error = null;
        return true;
    }

    /// <summary>The client's options. Connects once at start (a wrong address or password fails at once); reconnects by itself after that.</summary>
    public ConfigurationOptions ToOptions()
    {
        var options = new ConfigurationOptions
        {
            User = User,
            Password = Password,
            Ssl = Tls,
            SslHost = Tls ? Host : null,
            DefaultDatabase = Database,
            AbortOnConnectFail = true,
            ConnectRetry = 2,
            ConnectTimeout = 5000,
            ClientName = "nunit-mproc",
        };
        options.EndPoints.Add(Host, Port);
        return options;
    }

    public override string ToString() =>
        $"{(Tls ? "rediss" : "redis")}://{(User is null && Password is null ? "" : $"{User}:***@")}{Host}:{Port}{(Database == 0 ? "" : $"/{Database}")}";
}
