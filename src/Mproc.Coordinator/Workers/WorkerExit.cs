namespace Mproc.Coordinator.Workers;

/// <summary>How a worker process ended: its exit code and the last lines it wrote to standard error.</summary>
public sealed record WorkerExit(int ExitCode, string StandardErrorTail)
{
    /// <summary>"exit code 3" or "signal SIGKILL", for "worker N crashed (...)".</summary>
    public string Summary => ExitDescription.Brief(ExitCode);
}
