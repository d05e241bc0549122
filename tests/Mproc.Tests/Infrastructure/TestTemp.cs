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

    private static string CreateRoot()
    {
        var root = Directory.CreateTempSubdirectory("mproc-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
        return root;
    }
}
