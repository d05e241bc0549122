namespace Mproc.Coordinator.Results;

/// <summary>What one worker did during the run.</summary>
public sealed record WorkerStats(int WorkerId, int TestsRun, double BusySeconds, int? ProcessId);
