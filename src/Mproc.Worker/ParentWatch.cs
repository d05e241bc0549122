using System.Diagnostics;

namespace Mproc.Worker;

/// <summary>Ends the worker within a second or so of the coordinator process going away, even mid-test.</summary>
internal static class ParentWatch
{
    public const int ParentGoneExitCode = 4;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static void Start(int? parentPid, TextWriter diagnostics)
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
            Environment.Exit(ParentGoneExitCode);
        });
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
