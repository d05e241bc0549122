using System.Diagnostics;

namespace Mproc.Worker;

/// <summary>
/// Ends the worker within a second or so of the coordinator process going away, even mid-test. A
/// coordinator that was killed could not remove its socket, so the worker removes it on the way out.
/// </summary>
internal static class ParentWatch
{
    public const int ParentGoneExitCode = 4;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static void Start(int? parentPid, string pipePath, TextWriter diagnostics)
    {
        if (parentPid is not { } pid)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            while (IsAlive(pid))
            {
                await Task.Delay(PollInterval).ConfigureAwait(false);
            }

            await diagnostics.WriteLineAsync("Mproc.Worker: the coordinator is gone; exiting").ConfigureAwait(false);
            RemoveStaleSocket(pipePath);
            Environment.Exit(ParentGoneExitCode);
        });
    }

    private static void RemoveStaleSocket(string pipePath)
    {
        if (OperatingSystem.IsWindows() || !Path.IsPathRooted(pipePath))
        {
            return;
        }

        try
        {
            File.Delete(pipePath);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool IsAlive(int pid)
    {
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
}
