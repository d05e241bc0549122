using System.Xml.Linq;
using Mproc.Coordinator.Input;

namespace Mproc.Coordinator.Watching;

/// <summary>
/// Watches what the inputs are built from and calls back once a burst of changes has been quiet for
/// <see cref="Quiet"/>: for a test project, the source files (by extension) in its folder and in the
/// folders of the projects it references, transitively, except <c>bin/</c>, <c>obj/</c> and hidden
/// folders (where builds and runs write); for a test assembly, the assemblies in its folder.
/// </summary>
internal sealed class SourceWatcher : IDisposable
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private static readonly HashSet<string> SourceExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".fs", ".fsi", ".vb", ".csproj", ".fsproj", ".vbproj", ".props", ".targets", ".resx", ".razor", ".cshtml",
    };

    private static readonly HashSet<string> AssemblyExtensions = new(StringComparer.OrdinalIgnoreCase) { ".dll", ".pdb" };

    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _debounce;

    private SourceWatcher(Action changed, TimeProvider time) =>
        _debounce = time.CreateTimer(_ => changed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>The folders watched, for the first line the loop prints.</summary>
    public IReadOnlyList<string> Folders => [.. _watchers.Select(w => w.Path)];

    public static SourceWatcher Start(IEnumerable<string> inputs, Action changed, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var watcher = new SourceWatcher(changed, time ?? TimeProvider.System);
        var projectFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (!ProjectInput.IsProject(input))
            {
                watcher.Watch(Path.GetDirectoryName(Path.GetFullPath(input))!, recursive: false, AssemblyExtensions);
                continue;
            }

            var project = Directory.Exists(input) ? ProjectInput.ProjectIn(input) : input;
            if (project is not null)
            {
                AddProjectFolders(Path.GetFullPath(project), projectFolders);
            }
        }

        foreach (var folder in projectFolders)
        {
            watcher.Watch(folder, recursive: true, SourceExtensions);
        }

        return watcher;
    }

    /// <summary>The project's folder and those of the projects it references, transitively.</summary>
    private static void AddProjectFolders(string project, HashSet<string> folders)
    {
        if (!File.Exists(project) || !folders.Add(Path.GetDirectoryName(project)!))
        {
            return;
        }

        IEnumerable<string> references;
        try
        {
            references = XDocument.Load(project).Descendants()
                .Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => (string?)e.Attribute("Include"))
                .OfType<string>()
                .Select(include => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include.Replace('\\', Path.DirectorySeparatorChar))))
                .ToList();
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var reference in references)
        {
            AddProjectFolders(reference, folders);
        }
    }

    private void Watch(string folder, bool recursive, HashSet<string> extensions)
    {
        if (!Directory.Exists(folder) || _watchers.Exists(w => w.Path == folder))
        {
            return;
        }

        var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = recursive,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
        };
        FileSystemEventHandler onChange = (_, e) => Changed(folder, e.FullPath, extensions);
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Deleted += onChange;
        watcher.Renamed += (_, e) =>
        {
            Changed(folder, e.OldFullPath, extensions);
            Changed(folder, e.FullPath, extensions);
        };
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    /// <summary>A change counts when it is a source file outside the folders builds and tools write to; it (re)starts the quiet period.</summary>
    private void Changed(string root, string path, HashSet<string> extensions)
    {
        if (!extensions.Contains(Path.GetExtension(path)))
        {
            return;
        }

        var relative = Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar);
        for (var i = 0; i < relative.Length - 1; i++)
        {
            if (relative[i] is "bin" or "obj" || relative[i].StartsWith('.'))
            {
                return;
            }
        }

        _debounce.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _debounce.Dispose();
    }
}
