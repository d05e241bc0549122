using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Mproc.Coordinator.Running;
using Mproc.Protocol;

namespace Mproc.Coordinator.Workers;

/// <summary>
/// Starts each worker as its own process (<c>dotnet Mproc.Worker.dll</c> from this tool's folder;
/// see <see cref="WorkerProgram"/>), telling it where the queue is and who it is, and watches it
/// until it exits. Workers may be started before their run exists (they start up while the
/// coordinator checks its input); an exit seen before <see cref="Attach"/> is told to the run when
/// it attaches.
/// </summary>
public sealed class ProcessWorkerLauncher : IWorkerLauncher
{
    // The first lines say what happened ("Stack overflow.", "Unhandled exception. ..."), the last where.
    private const int StderrFirstLinesKept = 5;
    private const int StderrLinesKept = 20;

    private readonly WorkerIdentity _identity;
    private readonly string _pipePath;
    private readonly ILogger _logger;
    private readonly List<Process> _processes = [];
    private readonly Dictionary<int, TaskCompletionSource<WorkerExit>> _exits = [];
    private readonly List<(int WorkerId, int ProcessId, string Description)> _exitsBeforeAttach = [];
    private readonly Dictionary<int, Protocol.Transport.EventLogReader> _eventLogs = [];
    private int _started;
    private TestRun? _run;

    public ProcessWorkerLauncher(WorkerIdentity identity, string pipePath, ILogger logger)
    {
        _identity = identity;
        _pipePath = pipePath;
        Transport.RunFolder.Create(pipePath);
        _logger = logger;
    }

    /// <summary>Starts workers for a run that already exists.</summary>
    public ProcessWorkerLauncher(TestRun run, string pipePath, ILogger logger)
        : this(WorkerIdentity.Of(run?.Settings ?? throw new ArgumentNullException(nameof(run))), pipePath, logger)
    {
        Attach(run);
    }

    /// <summary>The run that hears of every worker exit from now on, and of those seen before.</summary>
    public void Attach(TestRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        (int WorkerId, int ProcessId, string Description)[] earlier;
        lock (_processes)
        {
            _run = run;
            earlier = [.. _exitsBeforeAttach];
            _exitsBeforeAttach.Clear();
        }

        foreach (var (workerId, processId, description) in earlier)
        {
            run.ProcessExited(workerId, processId, description);
        }
    }

    public void Start(int workerId)
    {
        var info = new ProcessStartInfo(WorkerProgram.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = Environment.CurrentDirectory,
        };
        if (WorkerProgram.Assembly is { } workerAssembly)
        {
            info.ArgumentList.Add(workerAssembly);
        }

        info.ArgumentList.Add("--pipe");
        info.ArgumentList.Add(_pipePath);
        info.ArgumentList.Add("--worker-id");
        info.ArgumentList.Add(workerId.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--parent-pid");
        info.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        foreach (var assembly in _identity.Assemblies)
        {
            info.ArgumentList.Add("--preload");
            info.ArgumentList.Add(assembly);
        }

        info.ArgumentList.Add("--seed");
        info.ArgumentList.Add(_identity.RandomSeed.ToString(CultureInfo.InvariantCulture));
        var eventLog = Protocol.Transport.EventLogReader.Create(EventLogPath(workerId, Interlocked.Increment(ref _started)));
        info.ArgumentList.Add("--events");
        info.ArgumentList.Add(eventLog.Path);
        foreach (var (name, value) in WorkerEnvironment.For(_identity, workerId, Environment.GetEnvironmentVariable))
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var exit = new TaskCompletionSource<WorkerExit>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? runtimeKey = null;
        var stderrHead = new List<string>();
        var stderr = new Queue<string>();
        var stderrDropped = false;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                if (stderrHead.Count < StderrFirstLinesKept)
                {
                    stderrHead.Add(e.Data);
                }
                else
                {
                    stderr.Enqueue(e.Data);
                    if (stderr.Count > StderrLinesKept)
                    {
                        stderr.Dequeue();
                        stderrDropped = true;
                    }
                }
            }

            CoordinatorLog.WorkerOutput(_logger, workerId, e.Data);
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                CoordinatorLog.WorkerOutput(_logger, workerId, e.Data);
            }
        };
        process.Exited += (_, _) =>
        {
            // Let the stream readers drain before describing the exit.
            process.WaitForExit();
            string tail;
            lock (stderr)
            {
                tail = string.Join(Environment.NewLine, stderrDropped ? [.. stderrHead, "   ...", .. stderr] : stderrHead.Concat(stderr));
            }

            if (process.ExitCode > 128 && runtimeKey is not null)
            {
                RuntimeLeftovers.Remove(process.Id, runtimeKey);
            }

            var description = ExitDescription.Of(process.ExitCode);
            exit.TrySetResult(new WorkerExit(process.ExitCode, tail));
            var told = tail.Length == 0 ? description : $"{description}: {tail}";
            TestRun? run;
            lock (_processes)
            {
                run = _run;
                if (run is null)
                {
                    _exitsBeforeAttach.Add((workerId, process.Id, told));
                }
            }

            run?.ProcessExited(workerId, process.Id, told);
        };
        try
        {
            process.Start();
        }
        catch
        {
            eventLog.Dispose();
            throw;
        }

        runtimeKey = RuntimeLeftovers.KeyOf(process.Id);
        lock (_processes)
        {
            _processes.Add(process);
            _exits[process.Id] = exit;
            _eventLogs[process.Id] = eventLog;
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        CoordinatorLog.WorkerSpawned(_logger, workerId, process.Id);
    }

    /// <summary>
    /// The event log of the worker process <paramref name="processId"/> started, for its connection
    /// to read and dispose; null for a process this launcher did not start, or whose log was taken.
    /// </summary>
    public Protocol.Transport.EventLogReader? TakeEventLog(int processId)
    {
        lock (_processes)
        {
            return _eventLogs.Remove(processId, out var log) ? log : null;
        }
    }

    /// <summary>Beside the socket (which is in the temporary folder on Unix), one file per worker process.</summary>
    private string EventLogPath(int workerId, int serial)
    {
        var stem = OperatingSystem.IsWindows()
            ? Path.Combine(Path.GetTempPath(), _pipePath)
            : Path.ChangeExtension(_pipePath, null);
        return $"{stem}-{workerId.ToString(CultureInfo.InvariantCulture)}-{serial.ToString(CultureInfo.InvariantCulture)}.events";
    }

    public void KillAll()
    {
        lock (_processes)
        {
            foreach (var process in _processes)
            {
                try
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                    }
                }
                catch (InvalidOperationException)
                {
                }
            }
        }
    }

    public bool Kill(int processId)
    {
        Process? process;
        lock (_processes)
        {
            process = _processes.FirstOrDefault(p => p.Id == processId);
        }

        try
        {
            if (process is null || process.HasExited)
            {
                return false;
            }

            process.Kill(entireProcessTree: true);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public async Task<WorkerExit?> WaitForExitAsync(int processId, TimeSpan wait)
    {
        TaskCompletionSource<WorkerExit>? exit;
        lock (_processes)
        {
            _exits.TryGetValue(processId, out exit);
        }

        if (exit is null)
        {
            return null;
        }

        try
        {
            return await exit.Task.WaitAsync(wait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Process[] processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var process in processes)
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                KillAll();
            }

            process.Dispose();
        }

        // Logs of workers that never connected.
        lock (_processes)
        {
            foreach (var log in _eventLogs.Values)
            {
                log.Dispose();
            }

            _eventLogs.Clear();
        }
    }
}
