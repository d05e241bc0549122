using Microsoft.Extensions.Logging;

namespace Mproc.Coordinator.Fixtures;

/// <summary>Log lines of the run's global fixtures, with fixed event ids (100-199).</summary>
internal static partial class GlobalFixtureLog
{
    [LoggerMessage(100, LogLevel.Debug, "Global fixture {Fixture} answered in {Seconds:F2}s", EventName = "GlobalFixtureSetUp")]
    public static partial void SetUp(ILogger logger, string fixture, double seconds);

    [LoggerMessage(101, LogLevel.Warning, "Global fixture failed: {Error}", EventName = "GlobalFixtureFailed")]
    public static partial void Failed(ILogger logger, string error);

    [LoggerMessage(103, LogLevel.Debug, "Fixture host started (pid {ProcessId})", EventName = "FixtureHostStarted")]
    public static partial void HostStarted(ILogger logger, int processId);

    [LoggerMessage(104, LogLevel.Debug, "Fixture host: {Line}", EventName = "FixtureHostOutput")]
    public static partial void HostOutput(ILogger logger, string line);

    [LoggerMessage(105, LogLevel.Debug, "Fixture host (pid {ProcessId}) {Description}", EventName = "FixtureHostExited")]
    public static partial void HostExited(ILogger logger, int processId, string description);
}
