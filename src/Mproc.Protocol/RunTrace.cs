using System.Globalization;

namespace Mproc.Protocol;

/// <summary>
/// An opt-in timeline of a run, for finding where its time goes: with <c>MPROC_TRACE=FILE</c> in
/// the environment, the coordinator and every worker (which inherit the variable) append one line
/// per milestone to FILE: UTC time, process id, the process's CPU time so far, its garbage
/// collections so far per generation (0/1/2) and their total pause, the methods the JIT has compiled
/// so far and the time it spent on them, and the milestone. Off (one branch per milestone) without the variable.
/// </summary>
public static class RunTrace
{
    public const string Variable = "MPROC_TRACE";

    private static string? _tracePath = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : null;

    public static void Mark(string milestone)
    {
        if (Volatile.Read(ref _tracePath) is not { } tracePath)
        {
            return;
        }

        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:HH:mm:ss.fff} pid={Environment.ProcessId} cpu_ms={Environment.CpuUsage.TotalTime.TotalMilliseconds:F0} gc={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} gc_pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:F0} jit={System.Runtime.JitInfo.GetCompiledMethodCount()} jit_ms={System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} {milestone}\n");
        var bytes = System.Text.Encoding.UTF8.GetBytes(line);

        // Every process of the run appends to the one file: the exclusive share (an advisory lock on
        // Unix) keeps two writers from taking the same end of file, so no line is lost. Another
        // writer holding the file shows as an IOException, and so does a file that cannot be
        // written at all, which after a while of retrying turns tracing off for this process.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var file = new FileStream(tracePath, FileMode.Append, FileAccess.Write, FileShare.None);
                file.Write(bytes);
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(1);
            }
            catch (UnauthorizedAccessException)
            {
                break;
            }
        }

        // A trace is a diagnostic aid: an unwritable trace file must not change the run.
        Volatile.Write(ref _tracePath, null);
    }
}
