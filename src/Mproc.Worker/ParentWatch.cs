using System.Diagnostics;
using Mproc.Protocol;

namespace Mproc.Worker;

/// <summary>
/// Ends the worker within a second or so of the coordinator process going away, even mid-test. A
/// coordinator that was killed could not remove its socket, its run folder or the .NET runtime's
/// debugger pipes and diagnostics socket, so the worker removes them on the way out.
/// </summary>
internal static class ParentWatch
{
    public const int ParentGoneExitCode = 4;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ConnectionLostWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ConnectionLostPoll = TimeSpan.FromMilliseconds(50);
    private static volatile string? _parentRuntimeKey;

    public static void Start(int? parentPid, string pipePath, TextWriter diagnostics)
    {
        if (parentPid is not { } pid)
        {
            return;
        }

        // The coordinator started this process a moment ago: the first look is one interval later,
        // which keeps the process machinery out of the worker's start. Its runtime's key (a read of
        // /proc) is taken now, on the side: after its death it cannot be read.
        _ = Task.Run(async () =>
        {
            _parentRuntimeKey = RuntimeLeftovers.KeyOf(pid);
            do
            {
                await Task.Delay(PollInterval).ConfigureAwait(false);
            }
            while (IsAlive(pid));

            await diagnostics.WriteLineAsync("Mproc.Worker: the coordinator is gone; exiting").ConfigureAwait(false);
            RemoveLeftovers(pid, pipePath);
            Environment.Exit(ParentGoneExitCode);
        });
    }

    /// <summary>
    /// The connection ended without a goodbye: if that is because the coordinator died (it may take a
    /// moment to be seen as gone), remove its socket, since the parent watch may not get to it first.
    /// </summary>
    public static void ConnectionLost(int? parentPid, string pipePath)
    {
        if (parentPid is not { } pid)
        {
            return;
        }

        for (var waited = TimeSpan.Zero; waited < ConnectionLostWait; waited += ConnectionLostPoll)
        {
            if (!IsAlive(pid))
            {
                RemoveLeftovers(pid, pipePath);
                return;
            }

            Thread.Sleep(ConnectionLostPoll);
        }
    }

    private static void RemoveLeftovers(int parentPid, string pipePath)
    {
        // Read while the coordinator was alive: after its death its start time (the key) is gone.
        if (_parentRuntimeKey is { } key)
        {
            RuntimeLeftovers.Remove(parentPid, key);
        }

        if (OperatingSystem.IsWindows() || !Path.IsPathRooted(pipePath))
        {
            return;
        }

        try
        {
            File.Delete(pipePath);
            Directory.Delete(Path.GetDirectoryName(pipePath)!, recursive: false);
        }
        catch (IOException)
        {
            // Another worker's event log is still named: that worker removes the folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool IsAlive(int pid)
    {
        if (IsZombie(pid))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A process that has ended but not been reaped by its parent still has a pid (Linux: state Z).</summary>
    private static bool IsZombie(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}/stat");
            return stat.Length > stat.LastIndexOf(')') + 2 && stat[stat.LastIndexOf(')') + 2] is 'Z' or 'X';
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
}
