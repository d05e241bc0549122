using System.Globalization;

namespace Mproc.Coordinator.Workers;

/// <summary>Says how a process ended, naming the signal when it was killed by one (exit code 128 + N).</summary>
public static class ExitDescription
{
    public static string Of(int exitCode)
    {
        if (SignalName(exitCode) is { } name)
        {
            return $"was killed by {name} (exit code {exitCode.ToString(CultureInfo.InvariantCulture)})";
        }

        return $"exited with code {exitCode.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>"signal SIGKILL (exit code 137)" or "exit code 3".</summary>
    public static string Brief(int exitCode) =>
        SignalName(exitCode) is { } name
            ? $"{(name.StartsWith("SIG", StringComparison.Ordinal) ? "signal " + name : name)}, exit code {exitCode.ToString(CultureInfo.InvariantCulture)}"
            : $"exit code {exitCode.ToString(CultureInfo.InvariantCulture)}";

    private static string? SignalName(int exitCode)
    {
        if (OperatingSystem.IsWindows() || exitCode <= 128 || exitCode >= 160)
        {
            return null;
        }

        var signal = exitCode - 128;
        return signal switch
        {
            6 => "SIGABRT",
            9 => "SIGKILL",
            11 => "SIGSEGV",
            15 => "SIGTERM",
            _ => $"signal {signal.ToString(CultureInfo.InvariantCulture)}",
        };
    }
}
