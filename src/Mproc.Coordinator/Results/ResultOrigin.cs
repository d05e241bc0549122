namespace Mproc.Coordinator.Results;

/// <summary>Who produced a test's result: NUnit, or nunit-mproc in NUnit's place and why.</summary>
public enum ResultOrigin
{
    /// <summary>NUnit reported it from a worker.</summary>
    NUnit,

    /// <summary>Failed by the coordinator: the worker crashed or timed out while running it (or its one-time setup).</summary>
    WorkerLost,

    /// <summary>Failed by the coordinator: no worker was left to run it.</summary>
    NotRun,

    /// <summary>Skipped by the coordinator: the run stopped at --max-fail before it started.</summary>
    Stopped,
}
