namespace Mproc.Coordinator.Workers;

/// <summary>The dotnet host that runs this tool, used to run workers the same way.</summary>
internal static class DotnetHost
{
    public static string Path { get; } = Find();

    /// <summary>Whether this process was started by the dotnet host (<c>dotnet nunit-mproc.dll</c>), not by an executable of its own.</summary>
    public static bool IsCurrentProcess =>
        Environment.ProcessPath is { } current && System.IO.Path.GetFileNameWithoutExtension(current) == "dotnet";

    private static string Find()
    {
        if (IsCurrentProcess)
        {
            return Environment.ProcessPath!;
        }

        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        // Started through an executable of its own (an installed tool's, say) on a shared runtime: the
        // dotnet host of that runtime's installation, which need not be on the PATH.
        var ownRoot = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var ownHost = System.IO.Path.Combine(ownRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        if (File.Exists(ownHost))
        {
            return ownHost;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root))
        {
            var candidate = System.IO.Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return "dotnet";
    }
}
