using System.Diagnostics;

namespace Mproc.Coordinator.Input;

/// <summary>
/// Lets a test project, or a folder holding exactly one, stand where a test assembly is expected:
/// it is built in Release (as <c>dotnet test</c> does, for one target framework) and its output
/// assembly is run.
/// </summary>
public static class ProjectInput
{
    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];

    /// <summary>True when <paramref name="input"/> names a project file or a folder (not a .dll).</summary>
    public static bool IsProject(string input) =>
        Directory.Exists(input) || ProjectExtensions.Contains(Path.GetExtension(input), StringComparer.OrdinalIgnoreCase);

    /// <summary>The one project file in <paramref name="folder"/>, or null when there is none or more than one.</summary>
    public static string? ProjectIn(string folder)
    {
        var projects = ProjectExtensions.SelectMany(e => Directory.GetFiles(folder, "*" + e)).ToList();
        return projects.Count == 1 ? projects[0] : null;
    }

    /// <summary>
    /// Builds the project <paramref name="input"/> names and returns its output assembly, or why not.
    /// A project with several target frameworks is built and run for <paramref name="framework"/>
    /// (dotnet test's -f); with one, that one.
    /// </summary>
    public static async Task<(string? Assembly, string? Error)> BuildAsync(string input, string? framework, TextWriter log, CancellationToken cancellationToken)
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

        // Which framework and assembly, before building: a choice to make is no reason for a build.
        var (path, frameworks) = await TargetAsync(project, framework, cancellationToken).ConfigureAwait(false);
        if (framework is null && frameworks.Length > 1)
        {
            return (null, $"{project} targets several frameworks ({string.Join(", ", frameworks)}); choose one with --framework");
        }

        if (framework is null && frameworks.Length == 1)
        {
            // TargetFrameworks (plural) with one value: TargetPath is known only within that framework.
            framework = frameworks[0];
            (path, _) = await TargetAsync(project, framework, cancellationToken).ConfigureAwait(false);
        }

        await log.WriteLineAsync($"nunit-mproc: building {project} (Release{(framework is null ? string.Empty : ", " + framework)})").ConfigureAwait(false);
        string[] frameworkArguments = framework is null ? [] : ["-f", framework];
        var build = await DotnetAsync(["build", project, "-c", "Release", "-nologo", "-v", "q", .. frameworkArguments], cancellationToken).ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            // dotnet build repeats each error in its summary: each is shown once.
            var tail = string.Join(Environment.NewLine, build.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).Take(10));
            return (null, $"building {project} failed (dotnet build exit code {build.ExitCode}){(tail.Length > 0 ? ":" + Environment.NewLine + tail : string.Empty)}");
        }

        return path.Length > 0 && File.Exists(path)
            ? (path, null)
            : (null, $"cannot tell which assembly {project} builds; give the test assembly (.dll) instead");
    }

    /// <summary>The Release output assembly (of one target framework, when given) and the target frameworks; empty when they cannot be read.</summary>
    private static async Task<(string Path, string[] Frameworks)> TargetAsync(string project, string? framework, CancellationToken cancellationToken)
    {
        string[] frameworkArguments = framework is null ? [] : [$"-p:TargetFramework={framework}"];
        var result = await DotnetAsync(
            ["msbuild", project, "-getProperty:TargetPath", "-getProperty:TargetFrameworks", "-p:Configuration=Release", "-nologo", .. frameworkArguments],
            cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            return (string.Empty, []);
        }

        try
        {
            // Asked for more than one property, MSBuild answers {"Properties": {"Name": "value", ...}}.
            using var json = System.Text.Json.JsonDocument.Parse(result.Output);
            var properties = json.RootElement.GetProperty("Properties");
            var frameworks = (properties.GetProperty("TargetFrameworks").GetString() ?? string.Empty)
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return (properties.GetProperty("TargetPath").GetString()?.Trim() ?? string.Empty, frameworks);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (string.Empty, []);
        }
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
