using Microsoft.Extensions.Logging;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Transport;
using Mproc.Coordinator.Workers;
using Mproc.Protocol;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;

namespace Mproc.Coordinator.Running;

/// <summary>
/// --list / --explore: one worker discovers the selected tests exactly as a run would (same filter,
/// seed and timings, so the same order), the coordinator prints their full names in run order and
/// answers AbortRun instead of StartRun, so nothing runs.
/// </summary>
public sealed class TestLister
{
    private const string ListingOnly = "listing tests only (--list)";
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    private readonly RunSettings _settings;
    private readonly bool _inProcess;
    private readonly ConsoleStreams _console;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<(string? Error, int ExitCode)> _listed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TestLister(RunSettings settings, bool inProcess, ConsoleStreams console, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings with { WorkerCount = 1 };
        _inProcess = inProcess;
        _console = console;
        _logger = logger;
    }

    /// <summary>The full names of the selected test cases of a discovery, in run order.</summary>
    public static IReadOnlyList<string> TestNames(IReadOnlyList<AssemblyDiscovery> assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        return assemblies
            .SelectMany(a => a.Nodes)
            .Where(n => n.Ordinal >= 0)
            .OrderBy(n => n.Ordinal)
            .Select(n => n.FullName)
            .ToList();
    }

    public async Task<int> ExecuteAsync(CancellationToken interrupted)
    {
        var run = new TestRun(_settings, _logger) { RestartsLeft = 0 };
        var server = QueueServer.Start(_settings.RunId, (stream, token) => ServeAsync(run, stream, token), _logger);
        IWorkerLauncher launcher = _inProcess
            ? new InProcessWorkerLauncher(run, server.PipePath, TextWriter.Null)
            : new ProcessWorkerLauncher(run, server.PipePath, _logger);

        try
        {
            launcher.Start(0);
            var ended = await Task.WhenAny(_listed.Task, run.Completion).WaitAsync(interrupted).ConfigureAwait(false);
            var (error, exitCode) = ended == _listed.Task
                ? await _listed.Task.ConfigureAwait(false)
                : (run.Failure?.Message ?? "the worker ended before it listed the tests", run.Failure?.ExitCode ?? ExitCodes.UnexpectedError);
            if (error is not null)
            {
                launcher.KillAll();
                await _console.Error.WriteLineAsync($"nunit-mproc: error: {error}").ConfigureAwait(false);
            }

            await _console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return exitCode;
        }
        catch (OperationCanceledException)
        {
            launcher.KillAll();
            return ExitCodes.Interrupted;
        }
        finally
        {
            await launcher.DisposeAsync().ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(TestRun run, Stream stream, CancellationToken cancellationToken)
    {
        var writer = new PipeFrameWriter(stream, leaveOpen: true);
        var reader = new PipeFrameReader(stream, leaveOpen: true);
        try
        {
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            handshake.CancelAfter(HandshakeTimeout);
            if (await reader.ReadAsync(handshake.Token).ConfigureAwait(false) is not Hello hello)
            {
                return;
            }

            var (reply, _) = run.Handshake(hello);
            await writer.SendAsync(reply, cancellationToken).ConfigureAwait(false);
            if (reply is Rejected)
            {
                return;
            }

            var message = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (message is Discovered discovered)
            {
                var broken = discovered.Assemblies.FirstOrDefault(a => a.Error is not null);
                if (broken is not null)
                {
                    _listed.TrySetResult(($"cannot load {broken.Path}: {broken.Error}", ExitCodes.InvalidAssembly));
                }
                else
                {
                    foreach (var name in TestNames(discovered.Assemblies))
                    {
                        await _console.Out.WriteLineAsync(name).ConfigureAwait(false);
                    }

                    _listed.TrySetResult((null, ExitCodes.Ok));
                }
            }

            await writer.SendAsync(new AbortRun(ListingOnly), cancellationToken).ConfigureAwait(false);
            _listed.TrySetResult((message is WorkerFailed failed ? $"the worker failed: {failed.Message}" : "the worker did not send its discovery", ExitCodes.UnexpectedError));
        }
        catch (Exception ex) when (ex is IOException or ProtocolException or InvalidDataException or OperationCanceledException)
        {
            _listed.TrySetResult(($"the worker's connection ended: {ex.Message}", ExitCodes.UnexpectedError));
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            await reader.DisposeAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
