namespace Mproc.Coordinator.Running;

/// <summary>Why a run could not produce results at all, and the exit code that says so.</summary>
public sealed record RunFailure(string Message, int ExitCode);
