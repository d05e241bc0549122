namespace Mproc.Coordinator.Results;

/// <summary>
/// What one worker slot did during the run, over all the processes that served it (<paramref name="Processes"/>
/// more than 1 when workers were replaced); <paramref name="ProcessId"/> is the last one's.
/// </summary>
public sealed record WorkerStats(int WorkerId, int TestsRun, double BusySeconds, int? ProcessId, int Processes = 1);
