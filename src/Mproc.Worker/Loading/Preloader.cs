namespace Mproc.Worker.Loading;

/// <summary>
/// Loads the test assemblies named on the worker's command line while the worker connects and waits
/// for the coordinator's Welcome, which names what to run. A load is used only when the Welcome asks
/// for the same file with the same random seed, no test parameters and the default work directory
/// (NUnit takes those when it loads, and they come with the Welcome); anything else (or a failed load) is loaded again
/// the ordinary way, so a preload can only save time, never change a result.
/// </summary>
public sealed class Preloader
{
    private readonly Task<Dictionary<string, LoadedAssembly>> _loads;
    private readonly int _randomSeed;

    private Preloader(IReadOnlyList<string> assemblies, int randomSeed)
    {
        _randomSeed = randomSeed;
        _loads = assemblies.Count == 0
            ? Task.FromResult(new Dictionary<string, LoadedAssembly>(StringComparer.Ordinal))
            : Task.Factory.StartNew(() => LoadAll(assemblies, randomSeed), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public static Preloader None { get; } = new([], 0);

    public static Preloader Start(IReadOnlyList<string> assemblies, int randomSeed) => new(assemblies, randomSeed);

    /// <summary>The preloaded assembly for this file and seed (waiting for it if need be), or a fresh load.</summary>
    internal LoadedAssembly Take(string assemblyPath, int randomSeed, IReadOnlyList<Protocol.Messages.TestParameter> testParameters, string? workDirectory = null)
    {
        var fullPath = Path.GetFullPath(assemblyPath);
        if (randomSeed == _randomSeed && testParameters.Count == 0 && workDirectory is null)
        {
            var loads = _loads.GetAwaiter().GetResult();
            if (loads.Remove(fullPath, out var loaded))
            {
                return loaded;
            }
        }

        return SessionFactory.Load(fullPath, randomSeed, testParameters, workDirectory);
    }

    private static Dictionary<string, LoadedAssembly> LoadAll(IReadOnlyList<string> assemblies, int randomSeed)
    {
        var loads = new Dictionary<string, LoadedAssembly>(StringComparer.Ordinal);
        foreach (var path in assemblies)
        {
            try
            {
                var loaded = SessionFactory.Load(path, randomSeed, []);
                loads.TryAdd(loaded.FullPath, loaded);
            }
#pragma warning disable CA1031 // A failed preload is retried, and its error reported, when the Welcome asks for the assembly.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        return loads;
    }
}
