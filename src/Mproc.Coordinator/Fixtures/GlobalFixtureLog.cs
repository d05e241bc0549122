using Microsoft.Extensions.Logging;

namespace Mproc.Coordinator.Fixtures;

/// <summary>Log lines of the global fixture manager, with fixed event ids (100-199).</summary>
internal static partial class GlobalFixtureLog
{
    [LoggerMessage(100, LogLevel.Debug, "Global fixture {Fixture} set up in {Seconds:F2}s", EventName = "GlobalFixtureSetUp")]
    public static partial void SetUp(ILogger logger, string fixture, double seconds);

    [LoggerMessage(101, LogLevel.Warning, "Global fixture failed: {Error}", EventName = "GlobalFixtureFailed")]
    public static partial void Failed(ILogger logger, string error);

    [LoggerMessage(102, LogLevel.Debug, "Global fixture {Fixture} torn down", EventName = "GlobalFixtureTornDown")]
    public static partial void TornDown(ILogger logger, string fixture);
}
