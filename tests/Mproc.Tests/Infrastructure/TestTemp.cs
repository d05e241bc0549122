namespace Mproc.Tests.Infrastructure;

/// <summary>
/// Temporary folders of one test run, all inside one folder of the system's temporary folder that is
/// removed when the test process ends, so runs of the suite do not leave their work behind.
/// </summary>
public static class TestTemp
{
    private static readonly Lazy<string> Root = new(CreateRoot);

    /// <summary>A new empty folder, its name starting with <paramref name="prefix"/>.</summary>
    public static DirectoryInfo CreateDirectory(string prefix) =>
        Directory.CreateDirectory(Path.Combine(Root.Value, prefix + Guid.NewGuid().ToString("N")[..12]));

    private const string RootPrefix = "mproc-tests-";

    /// <summary>
    /// Removes this run's folder, if one was made (at the end of the test run). On Unix by an rm
    /// process of its own: the test host may be stopped before a removal of thousands of files in
    /// it would end (seen: a run's 24 MB left half removed).
    /// </summary>
    public static void RemoveRoot()
    {
        if (!Root.IsValueCreated)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            DeleteQuietly(Root.Value);
            return;
        }

        using var remove = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("rm") { ArgumentList = { "-rf", "--", Root.Value } });
    }

    private static string CreateRoot()
    {
        RemoveRootsOfEndedRuns();
        var root = Directory.CreateTempSubdirectory($"{RootPrefix}{Environment.ProcessId}-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(root);
        return root;
    }

    /// <summary>
    /// The test host may be ended without running its exit handlers (dotnet test stops it once the
    /// results are in); <see cref="CleaningTestFramework"/> removes the folder at the end instead, and
    /// each run also removes what earlier runs left if they were cut short.
    /// </summary>
    private static void RemoveRootsOfEndedRuns()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), RootPrefix + "*"))
        {
            var rest = Path.GetFileName(folder)[RootPrefix.Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(rest[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) && !Integration.MprocProcess.IsAlive(pid))
            {
                DeleteQuietly(folder);
            }
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
