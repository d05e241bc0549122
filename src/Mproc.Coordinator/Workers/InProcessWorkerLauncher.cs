using System.Globalization;
using Mproc.Coordinator.Running;
using Mproc.Protocol;
using Mproc.Protocol.Transport;
using Mproc.Worker.Session;

namespace Mproc.Coordinator.Workers;

/// <summary>
/// --disable-mproc: runs the worker's own session inside this process, talking to the coordinator
/// over an in-memory pipe with the same protocol, so selection, results and reports are identical.
/// </summary>
public sealed class InProcessWorkerLauncher : IWorkerLauncher
{
    private readonly TestRun _run;
    private readonly Func<Stream, CancellationToken, Task> _serve;
    private readonly TextWriter _diagnostics;
    private readonly List<Task> _tasks = [];

    public InProcessWorkerLauncher(TestRun run, Func<Stream, CancellationToken, Task> serve, TextWriter diagnostics)
    {
        _run = run;
        _serve = serve;
        _diagnostics = diagnostics;
    }

    public void Start(int workerId)
    {
        var settings = _run.Settings;
        Environment.SetEnvironmentVariable(ProtocolConstants.WorkerIdVariable, workerId.ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable(ProtocolConstants.WorkerCountVariable, settings.WorkerCount.ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable(ProtocolConstants.RunIdVariable, settings.RunId);
        var (coordinatorSide, workerSide) = DuplexPipe.CreatePair();
        var serving = _serve(coordinatorSide, CancellationToken.None);
        var working = Task.Factory.StartNew(
            () =>
            {
                using var session = new WorkerSession(workerSide, workerId, settings.Secret, _diagnostics);
                try
                {
                    session.Run();
                }
                finally
                {
                    workerSide.Dispose();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        lock (_tasks)
        {
            _tasks.Add(serving);
            _tasks.Add(working);
        }
    }

    public void KillAll()
    {
        // An in-process session cannot be killed; the run's end stops claims and it skips to its end.
    }

    /// <summary>An in-process session is not a process: it cannot be killed (so --test-timeout only reports).</summary>
    public bool Kill(int processId) => false;

    public Task<WorkerExit?> WaitForExitAsync(int processId, TimeSpan wait) => Task.FromResult<WorkerExit?>(null);

    public async ValueTask DisposeAsync()
    {
        Task[] tasks;
        lock (_tasks)
        {
            tasks = [.. _tasks];
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (IOException)
        {
        }
    }
}
