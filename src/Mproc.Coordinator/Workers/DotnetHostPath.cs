namespace Mproc.Coordinator.Workers;

/// <summary>The dotnet host that runs this tool, for commands the coordinator runs itself.</summary>
public static class DotnetHostPath
{
    public static string Value => DotnetHost.Path;
}
