using System.Globalization;

namespace Mproc.Coordinator.Jobserver;

/// <summary>
/// Where a GNU make jobserver is: a named pipe (<c>--jobserver-auth=fifo:PATH</c>, make 4.4+) or a
/// pair of inherited descriptors (<c>--jobserver-auth=R,W</c>, or <c>--jobserver-fds=R,W</c> from
/// older make). When a flags string names several, the last one wins, as the GNU make manual says.
/// </summary>
public sealed record JobserverAuth(string? FifoPath, int ReadFd, int WriteFd, string Source)
{
    private static readonly string[] Prefixes = ["--jobserver-auth=", "--jobserver-fds="];

    /// <summary>The variables searched, in order, when no --jobserver is given.</summary>
    public static readonly string[] Variables = ["CARGO_MAKEFLAGS", "MAKEFLAGS", "MFLAGS"];

    public bool IsFifo => FifoPath is not null;

    public override string ToString() => IsFifo ? $"fifo {FifoPath} (from {Source})" : $"descriptors {ReadFd},{WriteFd} (from {Source})";

    /// <summary>The jobserver named by --jobserver, else by the first of <see cref="Variables"/> that names one.</summary>
    public static JobserverAuth? Find(string? jobserverOption, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrEmpty(jobserverOption))
        {
            return new JobserverAuth(jobserverOption, -1, -1, "--jobserver");
        }

        foreach (var variable in Variables)
        {
            var auth = Parse(environment(variable), variable);
            if (auth is not null)
            {
                return auth;
            }
        }

        return null;
    }

    /// <summary>The last jobserver option in a make flags string, or null.</summary>
    public static JobserverAuth? Parse(string? flags, string source)
    {
        if (string.IsNullOrWhiteSpace(flags))
        {
            return null;
        }

        JobserverAuth? found = null;
        foreach (var word in flags.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var prefix = Prefixes.FirstOrDefault(p => word.StartsWith(p, StringComparison.Ordinal));
            if (prefix is null)
            {
                continue;
            }

            var value = word[prefix.Length..];
            if (value.StartsWith("fifo:", StringComparison.Ordinal) && value.Length > 5)
            {
                found = new JobserverAuth(value[5..], -1, -1, source);
                continue;
            }

            var parts = value.Split(',');
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var read)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var write))
            {
                found = new JobserverAuth(null, read, write, source);
            }
        }

        return found;
    }
}
