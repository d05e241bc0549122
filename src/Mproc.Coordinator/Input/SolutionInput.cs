namespace Mproc.Coordinator.Input;

/// <summary>
/// A solution (<c>.sln</c>, <c>.slnx</c>), or a folder holding one, stands where test assemblies are
/// expected, as <c>dotnet test</c> takes it: every project of the solution that references NUnit is a
/// test project; the solution is built once in Release and their assemblies run in one worker pool
/// and one report. The other projects are skipped, one line each. A folder is read as MSBuild reads
/// it: one solution, or one project; a solution and a project side by side only when they have the
/// same name (the solution is taken); anything else is ambiguous (MSBuild's MSB1011).
/// </summary>
public static class SolutionInput
{
    private static readonly string[] SolutionExtensions = [".sln", ".slnx"];

    public static bool IsSolution(string path) =>
        SolutionExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase) && !Directory.Exists(path);

    /// <summary>True when <paramref name="folder"/> holds a solution or a project file (what dotnet test would run there).</summary>
    public static bool HoldsSolutionOrProject(string folder) =>
        Directory.Exists(folder) && (SolutionsIn(folder).Count > 0 || ProjectInput.ProjectsIn(folder).Count > 0);

    /// <summary>
    /// The solution <paramref name="input"/> stands for: itself, or the one its folder holds (or
    /// null when the folder means a project); an error when the folder is ambiguous.
    /// </summary>
    public static (string? Solution, string? Error) Find(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Directory.Exists(input))
        {
            return (IsSolution(input) ? input : null, null);
        }

        var solutions = SolutionsIn(input);
        var projects = ProjectInput.ProjectsIn(input);
        if (solutions.Count == 0)
        {
            return (null, null);
        }

        if (solutions.Count > 1)
        {
            return (null, $"more than one solution file in folder {input} ({string.Join(", ", solutions.Select(Path.GetFileName))}); name the one to run");
        }

        var sameName = projects.Count == 1
            && string.Equals(Path.GetFileNameWithoutExtension(projects[0]), Path.GetFileNameWithoutExtension(solutions[0]), StringComparison.OrdinalIgnoreCase);
        if (projects.Count > 0 && !sameName)
        {
            return (null, $"folder {input} holds a solution and a project file ({string.Join(", ", solutions.Concat(projects).Select(Path.GetFileName))}); name the one to run");
        }

        return (solutions[0], null);
    }

    /// <summary>
    /// Builds <paramref name="solution"/> once and returns the assemblies of its NUnit test projects,
    /// in the solution's order, or why not.
    /// </summary>
    public static async Task<(IReadOnlyList<string>? Assemblies, string? Error)> BuildAsync(string solution, string? framework, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!File.Exists(solution))
        {
            return (null, $"file not found: {solution}");
        }

        var listed = await ProjectInput.DotnetAsync(["sln", solution, "list"], cancellationToken).ConfigureAwait(false);
        if (listed.ExitCode != 0)
        {
            return (null, $"cannot read the solution {solution}: {FirstLine(listed.Output)}");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(solution))!;
        var projects = ProjectLines(listed.Output).Select(p => Path.GetFullPath(p.Replace('\\', Path.DirectorySeparatorChar), folder)).ToList();

        // Every project is evaluated at once: each is a process of its own that mostly waits.
        var resolved = await Task.WhenAll(projects.Select(p => ProjectInput.ResolveAsync(p, framework, cancellationToken))).ConfigureAwait(false);
        var tests = new List<ProjectTarget>();
        for (var i = 0; i < projects.Count; i++)
        {
            var (target, error) = resolved[i];
            if (!target.ReferencesNUnit)
            {
                await log.WriteLineAsync($"nunit-mproc: skipping {projects[i]}: it does not reference NUnit").ConfigureAwait(false);
            }
            else if (error is not null)
            {
                return (null, error);
            }
            else
            {
                tests.Add(target);
            }
        }

        if (tests.Count == 0)
        {
            return (null, $"no NUnit test project in {solution}");
        }

        var buildError = await ProjectInput.RunBuildAsync(solution, framework, log, cancellationToken).ConfigureAwait(false);
        if (buildError is not null)
        {
            return (null, buildError);
        }

        var missing = tests.FirstOrDefault(t => t.Path.Length == 0 || !File.Exists(t.Path));
        return missing is null
            ? ([.. tests.Select(t => t.Path)], null)
            : (null, $"cannot tell which assembly {missing.Project} builds; give the test assemblies (.dll) instead");
    }

    private static List<string> SolutionsIn(string folder) =>
        [.. SolutionExtensions.SelectMany(e => Directory.GetFiles(folder, "*" + e)).Order(StringComparer.Ordinal)];

    /// <summary>The project paths <c>dotnet sln list</c> prints after its "Project(s)" header and dashes.</summary>
    private static IEnumerable<string> ProjectLines(string output) =>
        output.Split('\n').Select(l => l.Trim()).SkipWhile(l => !l.StartsWith("---", StringComparison.Ordinal)).Skip(1).Where(l => l.Length > 0);

    private static string FirstLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "dotnet sln list failed";
}
