namespace Mproc.Coordinator.Workers;

/// <summary>Starts workers for a run: processes (the default) or an in-process session (--disable-mproc).</summary>
public interface IWorkerLauncher : IAsyncDisposable
{
    /// <summary>Starts the worker with this id; it connects back on its own.</summary>
    void Start(int workerId);

    /// <summary>Stops every worker still running.</summary>
    void KillAll();

    /// <summary>Kills one worker process (a hung test); false when there is no such process to kill.</summary>
    bool Kill(int processId);

    /// <summary>
    /// How the worker process <paramref name="processId"/> ended, waiting up to <paramref name="wait"/>
    /// for it; null when it is still running, unknown, or not a process.
    /// </summary>
    Task<WorkerExit?> WaitForExitAsync(int processId, TimeSpan wait);
}
