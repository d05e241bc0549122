using System.Globalization;

namespace Mproc.Coordinator.Workers;

/// <summary>Says how a process ended, naming the signal when it was killed by one (exit code 128 + N).</summary>
public static class ExitDescription
{
    public static string Of(int exitCode)
    {
        if (!OperatingSystem.IsWindows() && exitCode > 128 && exitCode < 160)
        {
            var signal = exitCode - 128;
            var name = signal switch
            {
                6 => "SIGABRT",
                9 => "SIGKILL",
                11 => "SIGSEGV",
                15 => "SIGTERM",
                _ => $"signal {signal.ToString(CultureInfo.InvariantCulture)}",
            };
            return $"was killed by {name} (exit code {exitCode.ToString(CultureInfo.InvariantCulture)})";
        }

        return $"exited with code {exitCode.ToString(CultureInfo.InvariantCulture)}";
    }
}
