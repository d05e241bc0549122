using System.Globalization;

namespace Mproc.Protocol;

/// <summary>
/// An opt-in timeline of a run, for finding where its time goes: with <c>MPROC_TRACE=FILE</c> in
/// the environment, the coordinator and every worker (which inherit the variable) append one line
/// per milestone to FILE: UTC time, process id, the process's CPU time so far, its generation-0
/// collections so far, and the milestone. Off (one branch per milestone) without the variable.
/// </summary>
public static class RunTrace
{
    public const string Variable = "MPROC_TRACE";

    private static readonly string? TracePath = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : null;

    public static void Mark(string milestone)
    {
        if (TracePath is null)
        {
            return;
        }

        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:HH:mm:ss.fff} pid={Environment.ProcessId} cpu_ms={Environment.CpuUsage.TotalTime.TotalMilliseconds:F0} gc0={GC.CollectionCount(0)} {milestone}\n");
        try
        {
            File.AppendAllText(TracePath, line);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A trace is a diagnostic aid: an unwritable trace file must not change the run.
        }
    }
}
