namespace Mproc.Coordinator.Workers;

/// <summary>Starts workers for a run: processes (the default) or an in-process session (--disable-mproc).</summary>
public interface IWorkerLauncher : IAsyncDisposable
{
    /// <summary>Starts the worker with this id; it connects back on its own.</summary>
    void Start(int workerId);

    /// <summary>Stops every worker still running.</summary>
    void KillAll();
}
