using Microsoft.Extensions.Logging;

namespace Mproc.Coordinator.Hosting;

/// <summary>
/// A logger for what happens before the host exists (workers are started first thing): entries are
/// kept until <see cref="Attach"/> gives the host's logger, then passed on in order; later entries
/// go straight through. The host's logger decides what is shown; until then, entries below
/// <see cref="MinimumLevel"/> (the host's minimum too) are not even formatted.
/// </summary>
public sealed class DeferredLogger(LogLevel minimumLevel) : ILogger
{
    private readonly object _gate = new();
    private readonly List<(LogLevel Level, EventId EventId, string Message, Exception? Exception)> _early = [];
    private ILogger? _target;

    public void Attach(ILogger target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_gate)
        {
            foreach (var (level, eventId, message, exception) in _early)
            {
                target.Log(level, eventId, message, exception, static (m, _) => m);
            }

            _early.Clear();
            _target = target;
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => Volatile.Read(ref _target)?.BeginScope(state);

    public LogLevel MinimumLevel { get; } = minimumLevel;

    public bool IsEnabled(LogLevel logLevel) => Volatile.Read(ref _target)?.IsEnabled(logLevel) ?? (logLevel != LogLevel.None && logLevel >= MinimumLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_gate)
        {
            if (_target is null)
            {
                if (!IsEnabled(logLevel))
                {
                    return;
                }

                _early.Add((logLevel, eventId, formatter(state, exception), exception));
                return;
            }
        }

        _target.Log(logLevel, eventId, state, exception, formatter);
    }
}
