using System.Diagnostics;

namespace Mproc.Coordinator.Input;

/// <summary>
/// Lets a test project, or a folder holding exactly one, stand where a test assembly is expected:
/// it is built in Release (as <c>dotnet test</c> does, for one target framework) and its output
/// assembly is run.
/// </summary>
public static class ProjectInput
{
    private const string NUnitPackage = "NUnit";

    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];

    /// <summary>True when <paramref name="input"/> names something to build first: a project or solution file, or a folder (not a .dll).</summary>
    public static bool IsProject(string input) =>
        Directory.Exists(input) || ProjectExtensions.Contains(Path.GetExtension(input), StringComparer.OrdinalIgnoreCase) || SolutionInput.IsSolution(input);

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
            var projects = ProjectsIn(input);
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
        var (target, targetError) = await ResolveAsync(project, framework, cancellationToken).ConfigureAwait(false);
        if (targetError is not null)
        {
            return (null, targetError);
        }

        var buildError = await RunBuildAsync(project, target.Framework, log, cancellationToken).ConfigureAwait(false);
        if (buildError is not null)
        {
            return (null, buildError);
        }

        return target.Path.Length > 0 && File.Exists(target.Path)
            ? (target.Path, null)
            : (null, $"cannot tell which assembly {project} builds; give the test assembly (.dll) instead");
    }

    /// <summary>The project files directly in <paramref name="folder"/>.</summary>
    internal static List<string> ProjectsIn(string folder) =>
        [.. ProjectExtensions.SelectMany(e => Directory.GetFiles(folder, "*" + e)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The Release output assembly a project builds for <paramref name="framework"/> (or its one
    /// framework), whether it references NUnit, or why it cannot be told before a build (several
    /// target frameworks and none chosen; the target is then what was read without a framework).
    /// </summary>
    internal static async Task<(ProjectTarget Target, string? Error)> ResolveAsync(string project, string? framework, CancellationToken cancellationToken)
    {
        var target = await EvaluateAsync(project, framework, cancellationToken).ConfigureAwait(false);
        if (framework is null && target.Frameworks.Length > 1)
        {
            return (target, $"{project} targets several frameworks ({string.Join(", ", target.Frameworks)}); choose one with --framework");
        }

        if (framework is null && target.Frameworks.Length == 1)
        {
            // TargetFrameworks (plural) with one value: TargetPath is known only within that framework.
            target = await EvaluateAsync(project, target.Frameworks[0], cancellationToken).ConfigureAwait(false);
        }

        return (target, null);
    }

    /// <summary>dotnet build in Release (for one framework, when given); null, or the build's errors, each once.</summary>
    internal static async Task<string?> RunBuildAsync(string projectOrSolution, string? framework, TextWriter log, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync($"nunit-mproc: building {projectOrSolution} (Release{(framework is null ? string.Empty : ", " + framework)})").ConfigureAwait(false);
        string[] frameworkArguments = framework is null ? [] : ["-f", framework];
        var build = await DotnetAsync(["build", projectOrSolution, "-c", "Release", "-nologo", "-v", "q", .. frameworkArguments], cancellationToken).ConfigureAwait(false);
        if (build.ExitCode == 0)
        {
            return null;
        }

        // dotnet build repeats each error in its summary: each is shown once.
        var tail = string.Join(Environment.NewLine, build.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).Take(10));
        return $"building {projectOrSolution} failed (dotnet build exit code {build.ExitCode}){(tail.Length > 0 ? ":" + Environment.NewLine + tail : string.Empty)}";
    }

    /// <summary>
    /// What MSBuild says of a project in Release (for one target framework, when given): its output
    /// assembly, target frameworks and whether a PackageReference names NUnit; empty when it cannot be read.
    /// </summary>
    private static async Task<ProjectTarget> EvaluateAsync(string project, string? framework, CancellationToken cancellationToken)
    {
        string[] frameworkArguments = framework is null ? [] : [$"-p:TargetFramework={framework}"];
        var result = await DotnetAsync(
            ["msbuild", project, "-getProperty:TargetPath", "-getProperty:TargetFrameworks", "-getItem:PackageReference", "-p:Configuration=Release", "-nologo", .. frameworkArguments],
            cancellationToken).ConfigureAwait(false);
        var unknown = new ProjectTarget(project, string.Empty, framework, [], false);
        if (result.ExitCode != 0)
        {
            return unknown;
        }

        try
        {
            // Asked for more than one property or item, MSBuild answers {"Properties": {"Name": "value", ...}, "Items": {"Type": [{"Identity": ...}]}}.
            using var json = System.Text.Json.JsonDocument.Parse(result.Output);
            var properties = json.RootElement.GetProperty("Properties");
            var frameworks = (properties.GetProperty("TargetFrameworks").GetString() ?? string.Empty)
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var referencesNUnit = json.RootElement.TryGetProperty("Items", out var items)
                && items.TryGetProperty("PackageReference", out var packages)
                && packages.EnumerateArray().Any(p => string.Equals(p.GetProperty("Identity").GetString(), NUnitPackage, StringComparison.OrdinalIgnoreCase));
            return new ProjectTarget(project, properties.GetProperty("TargetPath").GetString()?.Trim() ?? string.Empty, framework, frameworks, referencesNUnit);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return unknown;
        }
    }

    internal static async Task<(int ExitCode, string Output)> DotnetAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
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
