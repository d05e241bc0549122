using System.Text.Json;

namespace Mproc.Worker.Loading;

/// <summary>
/// The .NET framework's own assemblies in this process, for <see cref="TestLoadContext"/>. On a
/// shared framework (the usual install) they are the files of the framework's folder. A
/// self-contained publish puts the framework's files in the application's own folder, beside the
/// runner's own dependencies (Microsoft.Extensions.*, System.CommandLine), which are not the
/// framework's and must not win over a test folder's copy: there, the framework's assemblies are the
/// files the application's deps file lists for the runtime pack.
/// </summary>
internal static class FrameworkAssemblies
{
    private static readonly string Folder = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;

    private static readonly Lazy<HashSet<string>> RuntimePackFiles = new(() => ReadRuntimePackFiles(DepsFiles()));

    /// <summary>Whether the framework's folder is the application's own (a self-contained publish).</summary>
    public static bool InApplicationFolder { get; } = SameFolder(Folder, AppContext.BaseDirectory);

    /// <summary>The framework's copy of the assembly named <paramref name="name"/>, or null when the framework has none.</summary>
    public static string? PathOf(string name)
    {
        var fileName = name + ".dll";
        var path = Path.Combine(Folder, fileName);
        if (!File.Exists(path))
        {
            return null;
        }

        return !InApplicationFolder || RuntimePackFiles.Value.Contains(fileName) ? path : null;
    }

    /// <summary>
    /// The file names the given deps files list for their runtime packs (libraries of type
    /// <c>runtimepack</c>). A deps file that cannot be read adds none: its folder's assemblies then
    /// count as the runner's, and a test folder's copy of one wins.
    /// </summary>
    internal static HashSet<string> ReadRuntimePackFiles(IEnumerable<string> depsFiles)
    {
        var files = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var depsFile in depsFiles)
        {
            try
            {
                AddRuntimePackFiles(File.ReadAllBytes(depsFile), files);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
            {
            }
        }

        return files;
    }

    /// <summary>Adds the runtime pack files of one deps file's JSON to <paramref name="files"/>.</summary>
    internal static void AddRuntimePackFiles(byte[] depsJson, HashSet<string> files)
    {
        using var document = JsonDocument.Parse(depsJson);
        var root = document.RootElement;
        if (!root.TryGetProperty("libraries", out var libraries) || !root.TryGetProperty("targets", out var targets))
        {
            return;
        }

        var runtimePacks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var library in libraries.EnumerateObject())
        {
            if (library.Value.ValueKind == JsonValueKind.Object
                && library.Value.TryGetProperty("type", out var type)
                && type.ValueEquals("runtimepack"))
            {
                runtimePacks.Add(library.Name);
            }
        }

        foreach (var target in targets.EnumerateObject())
        {
            foreach (var library in target.Value.EnumerateObject())
            {
                if (runtimePacks.Contains(library.Name) && library.Value.TryGetProperty("runtime", out var runtime))
                {
                    foreach (var file in runtime.EnumerateObject())
                    {
                        files.Add(Path.GetFileName(file.Name));
                    }
                }
            }
        }
    }

    /// <summary>The deps files the host started this process with.</summary>
    private static string[] DepsFiles() =>
        (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool SameFolder(string a, string b) =>
        string.Equals(
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)),
            OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
