using System.Globalization;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Running;
using Mproc.Protocol;
using Mproc.Worker;
using Mproc.Worker.Session;

namespace Mproc.Coordinator.Workers;

/// <summary>
/// --disable-mproc: runs the worker's own session inside this process, on a thread of its own. It
/// connects to the run's queue exactly as a worker process does (same socket, same handshake, same
/// secret), so selection, results and reports are identical.
/// </summary>
public sealed class InProcessWorkerLauncher : IWorkerLauncher
{
    private readonly TestRun _run;
    private readonly string _pipePath;
    private readonly TextWriter _diagnostics;
    private readonly List<Task> _sessions = [];

    public InProcessWorkerLauncher(TestRun run, string pipePath, TextWriter diagnostics)
    {
        _run = run;
        _pipePath = pipePath;
        _diagnostics = diagnostics;
    }

    public void Start(int workerId)
    {
        var settings = _run.Settings;
        Environment.SetEnvironmentVariable(ProtocolConstants.WorkerIdVariable, workerId.ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable(ProtocolConstants.WorkerCountVariable, settings.WorkerCount.ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable(ProtocolConstants.RunIdVariable, settings.RunId);
        var session = Task.Factory.StartNew(
            () => Run(workerId, settings.Secret),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        lock (_sessions)
        {
            _sessions.Add(session);
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
        Task[] sessions;
        lock (_sessions)
        {
            sessions = [.. _sessions];
        }

        try
        {
            await Task.WhenAll(sessions).ConfigureAwait(false);
        }
        catch (IOException)
        {
        }
    }

    private void Run(int workerId, string secret)
    {
        Stream connection;
        try
        {
            connection = QueueClient.Connect(_pipePath);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException)
        {
            // No connection, so no connection to lose either: the run would wait for this worker forever.
            _run.Abort($"the in-process worker cannot connect to {_pipePath}: {ex.Message}", ExitCodes.UnexpectedError);
            return;
        }

        using (connection)
        {
            using var session = new WorkerSession(connection, workerId, secret, _diagnostics);
            session.Run();
        }
    }
}
