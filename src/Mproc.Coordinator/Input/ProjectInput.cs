using System.Diagnostics;

namespace Mproc.Coordinator.Input;

/// <summary>
/// Lets a test project, or a folder holding exactly one, stand where a test assembly is expected:
/// it is built in Release (as <c>dotnet test</c> does) and its output assembly is run.
/// </summary>
public static class ProjectInput
{
    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];

    /// <summary>True when <paramref name="input"/> names a project file or a folder (not a .dll).</summary>
    public static bool IsProject(string input) =>
        Directory.Exists(input) || ProjectExtensions.Contains(Path.GetExtension(input), StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds the project <paramref name="input"/> names and returns its output assembly, or why not.</summary>
    public static async Task<(string? Assembly, string? Error)> BuildAsync(string input, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var project = input;
        if (Directory.Exists(input))
        {
            var projects = ProjectExtensions.SelectMany(e => Directory.GetFiles(input, "*" + e)).ToList();
            if (projects.Count != 1)
            {
                return (null, projects.Count == 0
                    ? $"no project file in folder {input}; give a test project, its folder, or the test assembly (.dll)"
                    : $"more than one project in folder {input}; name the project file");
            }

            project = projects[0];
        }

        if (!File.Exists(project))
        {
            return (null, $"file not found: {project}");
        }

        await log.WriteLineAsync($"nunit-mproc: building {project} (Release)").ConfigureAwait(false);
        var build = await DotnetAsync(["build", project, "-c", "Release", "-nologo", "-v", "q"], cancellationToken).ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            var tail = string.Join(Environment.NewLine, build.Output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(10));
            return (null, $"building {project} failed (dotnet build exit code {build.ExitCode}){(tail.Length > 0 ? ":" + Environment.NewLine + tail : string.Empty)}");
        }

        var target = await DotnetAsync(["msbuild", project, "-getProperty:TargetPath", "-p:Configuration=Release", "-nologo"], cancellationToken).ConfigureAwait(false);
        var path = target.Output.Trim();
        if (target.ExitCode != 0 || path.Length == 0 || !File.Exists(path))
        {
            return (null, $"cannot tell which assembly {project} builds (a project with several target frameworks?); give the test assembly (.dll) instead");
        }

        return (path, null);
    }

    private static async Task<(int ExitCode, string Output)> DotnetAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Workers.DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }
}
