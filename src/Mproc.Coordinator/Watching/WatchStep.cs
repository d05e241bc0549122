namespace Mproc.Coordinator.Watching;

/// <summary>What the watch loop does next (see <see cref="WatchLoop"/>).</summary>
public abstract record WatchStep
{
    /// <summary>Build and run the whole selection.</summary>
    public sealed record RunEverything : WatchStep;

    /// <summary>Build and run only these tests (by full name): the ones failing now.</summary>
    public sealed record RunFailures(IReadOnlyList<string> Names) : WatchStep;

    /// <summary>Show <paramref name="Status"/> and wait for a change or a key.</summary>
    public sealed record Wait(string Status) : WatchStep;

    /// <summary>Leave with this exit code.</summary>
    public sealed record Leave(int ExitCode) : WatchStep;
}
