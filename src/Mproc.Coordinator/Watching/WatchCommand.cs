using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Mproc.Coordinator.Cli;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Running;

namespace Mproc.Coordinator.Watching;

/// <summary>
/// --looponfail / --watch: the effects around <see cref="WatchLoop"/>. Each run is an ordinary run
/// (<see cref="RunCommand"/>: a project input is built, incrementally, then run by new worker
/// processes); between runs the loop waits for a change of the watched sources
/// (<see cref="SourceWatcher"/>) or a key (<see cref="KeyInput"/>).
/// </summary>
public sealed class WatchCommand
{
    private const string Prefix = "nunit-mproc: watch: ";

    private readonly MprocOptions _options;
    private readonly ConsoleStreams _console;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;

    public WatchCommand(MprocOptions options, ConsoleStreams console, TimeProvider time, ILoggerFactory loggers)
    {
        _options = options;
        _console = console;
        _time = time;
        _loggers = loggers;
    }

    public async Task<int> ExecuteAsync(CancellationToken interrupted)
    {
        var triggers = Channel.CreateUnbounded<WatchTrigger>();
        using var watcher = SourceWatcher.Start(_options.Assemblies, () => triggers.Writer.TryWrite(WatchTrigger.FilesChanged), _time);
        using var stopKeys = CancellationTokenSource.CreateLinkedTokenSource(interrupted);
        KeyInput.Start(trigger => triggers.Writer.TryWrite(trigger), stopKeys.Token);
        Say($"watching {string.Join(", ", watcher.Folders)} (Enter: run everything, f: re-run the failing tests, q: quit)");

        var loop = new WatchLoop();
        var step = loop.On(WatchTrigger.Start);
        while (true)
        {
            switch (step)
            {
                case WatchStep.RunEverything or WatchStep.RunFailures:
                    var names = (step as WatchStep.RunFailures)?.Names;
                    Say(names is null ? "running everything" : $"running the {names.Count} failing test{(names.Count == 1 ? string.Empty : "s")}");
                    var command = new RunCommand(_options with { Watch = false, LastFailed = false, OnlyTests = names }, _console, _time, _loggers);
                    var exitCode = await command.ExecuteAsync(interrupted).ConfigureAwait(false);
                    if (interrupted.IsCancellationRequested)
                    {
                        return LeaveCode(loop, ExitCodes.Interrupted);
                    }

                    // Changes made while that run was going are not lost: the next wait sees them.
                    (step, var nowPassing) = loop.Finished(command.LastRun, exitCode);
                    if (nowPassing.Count > 0)
                    {
                        Say($"now passing: {string.Join(", ", nowPassing)}");
                    }

                    break;
                case WatchStep.Wait wait:
                    Say(wait.Status);
                    WatchTrigger trigger;
                    try
                    {
                        trigger = await triggers.Reader.ReadAsync(interrupted).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        trigger = WatchTrigger.Quit;
                    }

                    step = loop.On(trigger);
                    break;
                case WatchStep.Leave leave:
                    return leave.ExitCode;
            }
        }
    }

    /// <summary>Interrupted during a run: the last run of everything's code, else the interruption's.</summary>
    private static int LeaveCode(WatchLoop loop, int fallback)
    {
        var leave = (WatchStep.Leave)loop.On(WatchTrigger.Quit);
        return loop.HasFullRun ? leave.ExitCode : fallback;
    }

    private void Say(string line)
    {
        _console.Out.WriteLine(Prefix + line);
        _console.Out.Flush();
    }
}
