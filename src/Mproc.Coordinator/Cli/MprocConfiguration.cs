using Microsoft.Extensions.Configuration;

namespace Mproc.Coordinator.Cli;

/// <summary>
/// Where options come from besides the command line: <c>mproc.json</c> (in the working directory,
/// else next to the first test assembly) and <c>MPROC_*</c> environment variables, read with
/// Microsoft.Extensions.Configuration's JSON and environment providers; the environment wins over
/// the file, and the command line over both (<see cref="CommandLineParser"/>).
/// </summary>
public static class MprocConfiguration
{
    public const string FileName = "mproc.json";

    public const string EnvironmentPrefix = "MPROC_";

    /// <summary>The configuration file that applies, or null: the working directory's, else the one beside the first assembly.</summary>
    public static string? FindFile(string workingDirectory, string? firstAssembly)
    {
        var candidates = new List<string> { Path.Combine(workingDirectory, FileName) };
        if (!string.IsNullOrEmpty(firstAssembly))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(firstAssembly, workingDirectory));
            if (folder is not null)
            {
                candidates.Add(Path.Combine(folder, FileName));
            }
        }

        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Reads the file (if any) and the environment; throws <see cref="InvalidDataException"/> for a malformed file.</summary>
    public static MprocSettings Load(string workingDirectory, string? firstAssembly)
    {
        var file = FindFile(workingDirectory, firstAssembly);
        IConfiguration? fromFile = null;
        if (file is not null)
        {
            fromFile = new ConfigurationBuilder()
                .AddJsonFile(file, optional: false, reloadOnChange: false)
                .Build();
        }

        var fromEnvironment = new ConfigurationBuilder().AddEnvironmentVariables(EnvironmentPrefix).Build();
        return new MprocSettings(fromFile, file, fromEnvironment);
    }
}
