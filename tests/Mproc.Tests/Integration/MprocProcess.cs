using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mproc.Tests.Integration;

/// <summary>
/// A running nunit-mproc process the test can watch (its standard error line by line), signal and
/// kill, for what <see cref="MprocTool.RunAsync(string[])"/> cannot do: interrupting a run.
/// </summary>
internal sealed partial class MprocProcess : IDisposable
{
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly SemaphoreSlim _stderrChanged = new(0);
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MprocProcess(Process process, string workDirectory)
    {
        Process = process;
        WorkDirectory = workDirectory;
    }

    public Process Process { get; }

    public string WorkDirectory { get; }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    public static MprocProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var (info, workDirectory) = MprocTool.StartInfo(args, environment);
        var process = new Process { StartInfo = info };
        var running = new MprocProcess(process, workDirectory);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                running._stdoutClosed.TrySetResult();
                return;
            }

            lock (running._stdout)
            {
                running._stdout.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                running._stderrClosed.TrySetResult();
            }
            else
            {
                lock (running._stderr)
                {
                    running._stderr.Add(e.Data);
                }
            }

            running._stderrChanged.Release();
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits for <paramref name="count"/> standard error lines matching <paramref name="pattern"/>; returns their matches.</summary>
    public async Task<IReadOnlyList<Match>> WaitForStderrAsync(Regex pattern, int count, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            List<Match> matches;
            lock (_stderr)
            {
                matches = [.. _stderr.Select(l => pattern.Match(l)).Where(m => m.Success)];
            }

            if (matches.Count >= count)
            {
                return matches;
            }

            if (_stderrClosed.Task.IsCompleted)
            {
                throw new InvalidOperationException($"nunit-mproc ended before writing {count} lines matching {pattern}:\n{Stderr}");
            }

            try
            {
                await _stderrChanged.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {count} lines matching {pattern} in {timeout}:\n{Stderr}");
            }
        }
    }

    /// <summary>The pids of the workers that connected, read from the --verbose log.</summary>
    public async Task<IReadOnlyList<int>> WaitForWorkersAsync(int count, TimeSpan timeout)
    {
        var matches = await WaitForStderrAsync(WorkerConnectedLine(), count, timeout);
        return [.. matches.Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
    }

    /// <summary>The socket path the coordinator listens on, read from the --verbose log.</summary>
    public async Task<string> WaitForPipePathAsync(TimeSpan timeout) =>
        (await WaitForStderrAsync(QueueListeningLine(), 1, timeout))[0].Groups[1].Value;

    /// <summary>Sends a signal with the kill command (SIGTERM for "TERM").</summary>
    public void Signal(string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", Process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<MprocResult> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cancel.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Process.Kill(entireProcessTree: true);
            throw new TimeoutException($"nunit-mproc did not finish in {timeout}:\n{Stderr}");
        }

        string stdout;
        lock (_stdout)
        {
            stdout = string.Join('\n', _stdout);
        }

        return new MprocResult(Process.ExitCode, stdout, Stderr, WorkDirectory);
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }

        Process.Dispose();
        _stderrChanged.Dispose();
    }

    /// <summary>True while <paramref name="pid"/> is a live process (not gone, not a zombie waiting to be reaped).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Waits until none of <paramref name="pids"/> is alive; returns how long that took, or null on timeout.</summary>
    public static async Task<TimeSpan?> WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (!pids.Any(IsAlive))
            {
                return watch.Elapsed;
            }

            await Task.Delay(50);
        }

        return null;
    }

    [GeneratedRegex(@"Worker \d+ \(pid (\d+)\) connected")]
    private static partial Regex WorkerConnectedLine();

    [GeneratedRegex(@"Queue server listening on (\S+)")]
    private static partial Regex QueueListeningLine();
}
