using Microsoft.Extensions.Logging;
using Mproc.Coordinator.Hosting;
using Xunit;

namespace Mproc.Tests.Coordinator.Hosting;

public class DeferredLoggerTests
{
    [Fact]
    public void Attach_ReplaysEarlyEntriesAtOrAboveTheMinimum_InOrder()
    {
        var logger = new DeferredLogger(LogLevel.Warning);
        var formatted = 0;

        Log(logger, LogLevel.Debug, "debug", () => formatted++);
        Log(logger, LogLevel.Warning, "first", () => formatted++);
        Log(logger, LogLevel.Error, "second", () => formatted++);
        var target = new RecordingLogger();
        logger.Attach(target);

        Assert.Equal([(LogLevel.Warning, "first"), (LogLevel.Error, "second")], target.Entries);
        Assert.Equal(2, formatted);
    }

    [Fact]
    public void IsEnabled_BeforeAttach_FollowsTheMinimum_AfterAttach_TheTarget()
    {
        var logger = new DeferredLogger(LogLevel.Debug);

        Assert.True(logger.IsEnabled(LogLevel.Debug));
        Assert.False(logger.IsEnabled(LogLevel.Trace));
        Assert.False(logger.IsEnabled(LogLevel.None));
        logger.Attach(new RecordingLogger { Minimum = LogLevel.Error });
        Assert.False(logger.IsEnabled(LogLevel.Debug));
        Assert.True(logger.IsEnabled(LogLevel.Error));
    }

    [Fact]
    public void Log_AfterAttach_GoesStraightToTheTarget()
    {
        var logger = new DeferredLogger(LogLevel.Warning);
        var target = new RecordingLogger { Minimum = LogLevel.Trace };
        logger.Attach(target);

        Log(logger, LogLevel.Debug, "now", () => { });

        Assert.Equal([(LogLevel.Debug, "now")], target.Entries);
    }

    private static void Log(DeferredLogger logger, LogLevel level, string message, Action onFormat) =>
        logger.Log(level, new EventId(1), message, null, (m, _) =>
        {
            onFormat();
            return m;
        });

    private sealed class RecordingLogger : ILogger
    {
        public LogLevel Minimum { get; init; } = LogLevel.Trace;

        public List<(LogLevel, string)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= Minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
