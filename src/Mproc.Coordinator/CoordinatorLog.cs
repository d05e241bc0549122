using Microsoft.Extensions.Logging;

namespace Mproc.Coordinator;

/// <summary>Every log line the coordinator writes, with fixed event ids; tests assert on the names.</summary>
internal static partial class CoordinatorLog
{
    [LoggerMessage(1, LogLevel.Debug, "Queue server listening on {PipePath}", EventName = "QueueListening")]
    public static partial void QueueListening(ILogger logger, string pipePath);

    [LoggerMessage(2, LogLevel.Warning, "Connection dropped: {Reason}", EventName = "ConnectionDropped")]
    public static partial void ConnectionDropped(ILogger logger, string reason);

    [LoggerMessage(3, LogLevel.Debug, "Worker {WorkerId} (pid {ProcessId}) connected", EventName = "WorkerConnected")]
    public static partial void WorkerConnected(ILogger logger, int workerId, int processId);

    [LoggerMessage(4, LogLevel.Debug, "Worker {WorkerId} discovered {TestCount} tests", EventName = "WorkerDiscovered")]
    public static partial void WorkerDiscovered(ILogger logger, int workerId, int testCount);

    [LoggerMessage(5, LogLevel.Debug, "Worker {WorkerId} claimed at {Position}: got {Count} tests", EventName = "ClaimGranted")]
    public static partial void ClaimGranted(ILogger logger, int workerId, int position, int count);

    [LoggerMessage(11, LogLevel.Debug, "Worker {WorkerId} claimed at {Position}: waits (for non-parallelizable tests to finish, or in a shared build for the next lease)", EventName = "ClaimWaits")]
    public static partial void ClaimWaits(ILogger logger, int workerId, int position);

    [LoggerMessage(6, LogLevel.Debug, "Worker {WorkerId} finished: {TestsRun} tests, {BusySeconds:F2}s busy", EventName = "WorkerFinished")]
    public static partial void WorkerFinished(ILogger logger, int workerId, int testsRun, double busySeconds);

    [LoggerMessage(7, LogLevel.Warning, "Worker {WorkerId} was lost: {Reason}", EventName = "WorkerLost")]
    public static partial void WorkerLost(ILogger logger, int workerId, string reason);

    [LoggerMessage(8, LogLevel.Debug, "Worker {WorkerId} started as pid {ProcessId}", EventName = "WorkerSpawned")]
    public static partial void WorkerSpawned(ILogger logger, int workerId, int processId);

    [LoggerMessage(9, LogLevel.Debug, "Worker {WorkerId}: {Line}", EventName = "WorkerOutput")]
    public static partial void WorkerOutput(ILogger logger, int workerId, string line);

    [LoggerMessage(10, LogLevel.Warning, "Duplicate result for test {Ordinal} from worker {WorkerId} ignored", EventName = "DuplicateResult")]
    public static partial void DuplicateResult(ILogger logger, int ordinal, int workerId);

    // 20+: crash, hang and restart supervision.
    [LoggerMessage(20, LogLevel.Warning, "Worker {WorkerId}: {TestName} ran longer than {TimeoutSeconds}s; killing the worker", EventName = "TestTimedOut")]
    public static partial void TestTimedOut(ILogger logger, int workerId, string testName, double timeoutSeconds);

    [LoggerMessage(21, LogLevel.Warning, "Worker {WorkerId} is replaced ({RestartsLeft} restarts left)", EventName = "WorkerReplaced")]
    public static partial void WorkerReplaced(ILogger logger, int workerId, int restartsLeft);

    [LoggerMessage(22, LogLevel.Warning, "Worker {WorkerId}: nothing happened in {SuiteName} outside any test for longer than {TimeoutSeconds}s; killing the worker", EventName = "SuiteTimedOut")]
    public static partial void SuiteTimedOut(ILogger logger, int workerId, string suiteName, double timeoutSeconds);

    [LoggerMessage(23, LogLevel.Warning, "Worker {WorkerId} sent no discovery within {TimeoutSeconds}s; killing the worker", EventName = "DiscoveryTimedOut")]
    public static partial void DiscoveryTimedOut(ILogger logger, int workerId, double timeoutSeconds);

    // 40+: the inner loop (--max-fail, --looponfail).
    [LoggerMessage(40, LogLevel.Information, "{Failures} tests failed: --max-fail reached, no further test is handed out", EventName = "RunStopped")]
    public static partial void RunStopped(ILogger logger, int failures);

    // 50+: the shared queue of a build on several machines.
    [LoggerMessage(50, LogLevel.Warning, "The shared queue failed: {Problem}", EventName = "QueueProblem")]
    public static partial void QueueProblem(ILogger logger, string problem);
}
