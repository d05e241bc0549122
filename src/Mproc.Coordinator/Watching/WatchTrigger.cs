namespace Mproc.Coordinator.Watching;

/// <summary>What can happen to the watch loop between runs.</summary>
public enum WatchTrigger
{
    /// <summary>The loop begins.</summary>
    Start,

    /// <summary>A watched source file changed (after a quiet moment).</summary>
    FilesChanged,

    /// <summary>Enter (or an empty line): run everything now.</summary>
    RunAll,

    /// <summary><c>f</c>: re-run the failing tests now.</summary>
    RunFailed,

    /// <summary><c>q</c>, Ctrl+C, SIGTERM: leave.</summary>
    Quit,
}
