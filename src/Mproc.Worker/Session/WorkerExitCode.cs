namespace Mproc.Worker.Session;

/// <summary>Exit codes of a worker process, read by the coordinator's supervisor.</summary>
internal static class WorkerExitCode
{
    public const int Ok = 0;
    public const int BadArguments = 2;
    public const int Rejected = 3;
    public const int CoordinatorGone = 4;
    public const int Aborted = 5;
    public const int InternalError = 10;
}
