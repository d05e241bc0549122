namespace Mproc.Coordinator.Workers;

/// <summary>
/// How a worker process is started: with the dotnet host that runs this tool
/// (<c>dotnet Mproc.Worker.dll</c>), which also runs a self-contained publish on its own runtime;
/// or, when a self-contained publish was started through its own executable (no dotnet host
/// around, perhaps none installed), through the worker's executable beside it.
/// </summary>
internal static class WorkerProgram
{
    private const string WorkerName = "Mproc.Worker";

    private static readonly (string Path, string? Assembly) Command = Find();

    /// <summary>The program to start.</summary>
    public static string Path => Command.Path;

    /// <summary>The worker assembly, the program's first argument, or null when the program is the worker's own executable.</summary>
    public static string? Assembly => Command.Assembly;

    private static (string Path, string? Assembly) Find()
    {
        var assembly = System.IO.Path.Combine(AppContext.BaseDirectory, WorkerName + ".dll");
        if (!DotnetHost.IsCurrentProcess && Worker.Loading.FrameworkAssemblies.InApplicationFolder)
        {
            var executable = System.IO.Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? WorkerName + ".exe" : WorkerName);
            if (File.Exists(executable))
            {
                return (executable, null);
            }
        }

        return (DotnetHost.Path, assembly);
    }
}
