using System.Globalization;

namespace Mproc.Protocol;

/// <summary>
/// The .NET runtime of every process creates a debugger pipe pair and a diagnostics socket in the
/// temp folder, named by process id and start time (<c>clr-debug-pipe-PID-KEY-in</c>,
/// <c>dotnet-diagnostic-PID-KEY-socket</c>). It removes them when it exits, but not when it is killed
/// by a signal (a crash, or a hung test's worker killed by us), so the coordinator removes a killed
/// worker's, and a worker removes those of a coordinator that was killed. Linux only: elsewhere the
/// key is not known and nothing is done.
/// </summary>
public static class RuntimeLeftovers
{
    /// <summary>The runtime's key for a live process: its start time in clock ticks (field 22 of /proc/PID/stat).</summary>
    public static string? KeyOf(int processId)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

            // fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
            return fields.Length > 19 && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out _) ? fields[19] : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static void Remove(int processId, string key)
    {
        var prefix = $"{processId.ToString(CultureInfo.InvariantCulture)}-{key}";
        foreach (var name in new[] { $"clr-debug-pipe-{prefix}-in", $"clr-debug-pipe-{prefix}-out", $"dotnet-diagnostic-{prefix}-socket" })
        {
            try
            {
                File.Delete(Path.Combine(Path.GetTempPath(), name));
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
