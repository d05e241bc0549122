using Microsoft.Extensions.Logging;
using Mproc.Coordinator.Transport;
using Mproc.Coordinator.Workers;

namespace Mproc.Coordinator.Running;

/// <summary>
/// The worker processes of a run, started before the coordinator has checked its input and made its
/// plan (after, when a project had to be built first). A worker's own start (runtime, test assembly, discovery) is the longest fixed cost of a run,
/// so it overlaps the coordinator's. Connections wait until the run is handed over; if the input
/// turns out to be bad, disposing stops the workers and removes the socket, and nothing else happens.
/// </summary>
public sealed class WorkerHeadStart : IAsyncDisposable
{
    private readonly TaskCompletionSource<Func<Stream, CancellationToken, Task>> _serve = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _handedOver;

    private WorkerHeadStart(WorkerIdentity identity, ILogger logger)
    {
        Identity = identity;
        Launcher = new ProcessWorkerLauncher(identity, QueueServer.PipePathFor(identity.RunId), logger);
    }

    public WorkerIdentity Identity { get; }

    /// <summary>Listening once <see cref="Begin"/> has returned.</summary>
    public QueueServer Server { get; private set; } = null!;

    public ProcessWorkerLauncher Launcher { get; }

    /// <summary>
    /// Whether a run can start its workers from these options: it can unless it runs in-process,
    /// only lists tests (one worker, started later), or names a project that must be built first
    /// (its workers then start once the project is built and the input checked).
    /// </summary>
    public static bool Applies(Cli.MprocOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !options.DisableMproc && !options.ListOnly && !options.Assemblies.Any(Input.ProjectInput.IsProject);
    }

    /// <summary>Makes a new run identity (and seed, unless given) and starts the run's workers for it.</summary>
    public static WorkerHeadStart Begin(Cli.MprocOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var workerCount = options.Workers;
        var identity = new WorkerIdentity(
            Guid.NewGuid().ToString("N"),
            RunEntropy.NewSecret(),
            workerCount,
            // NUnit takes test parameters and the work directory when it loads an assembly, and they come
            // with the Welcome (never on a command line): a preload without them would be loaded again.
            options.NUnit.LoadedWithTheTests ? [] : [.. options.Assemblies.Select(Path.GetFullPath)],
            options.RandomSeed ?? RunEntropy.NewSeed());
        var headStart = new WorkerHeadStart(identity, logger);

        // The processes first, the socket next: a worker takes longer to start its runtime than the
        // socket takes to listen, and it waits for the socket when it connects.
        try
        {
            for (var id = 0; id < workerCount; id++)
            {
                headStart.Launcher.Start(id);
            }

            headStart.Server = QueueServer.Start(identity.RunId, headStart.ServeWhenReadyAsync, logger);
        }
        catch
        {
            headStart.Launcher.KillAll();
            throw;
        }

        Protocol.RunTrace.Mark("workers started");
        return headStart;
    }

    /// <summary>
    /// From now on <paramref name="run"/> hears of the workers' exits and <paramref name="serve"/>
    /// speaks with them (also with those that connected already); the caller disposes the server
    /// and the launcher.
    /// </summary>
    public void HandOver(TestRun run, Func<Stream, CancellationToken, Task> serve)
    {
        ArgumentNullException.ThrowIfNull(run);
        _handedOver = true;
        Launcher.Attach(run);
        _serve.TrySetResult(serve);
    }

    public async ValueTask DisposeAsync()
    {
        if (_handedOver)
        {
            return;
        }

        _serve.TrySetCanceled();
        Launcher.KillAll();
        await Launcher.DisposeAsync().ConfigureAwait(false);
        await Server.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ServeWhenReadyAsync(Stream stream, CancellationToken cancellationToken)
    {
        Func<Stream, CancellationToken, Task> serve;
        try
        {
            serve = await _serve.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await serve(stream, cancellationToken).ConfigureAwait(false);
    }
}
