using System.Reflection;

namespace Mproc.Tests.Infrastructure;

/// <summary>
/// Paths of the NUnit suites under tests/TestAssets, as built alongside this test project
/// (same Configuration and TargetFramework; the csproj builds them before the tests run).
/// </summary>
public static class TestAssets
{
    public const string NotAnAssemblyFileName = "NotAnAssembly.dll";

    private static readonly Lazy<string> LazyRepoRoot = new(FindRepoRoot);

    public static string RepoRoot => LazyRepoRoot.Value;

    public static string Configuration { get; } = Metadata("MprocConfiguration");

    public static string TargetFramework { get; } = Metadata("MprocTargetFramework");

    public static string OutcomesNUnit3 => AssetPath("Outcomes.NUnit3");

    public static string OutcomesNUnit4 => AssetPath("Outcomes.NUnit4");

    public static string OutcomesNUnit5 => AssetPath("Outcomes.NUnit5");

    public static string DependencyNUnit4 => AssetPath("Dependency.NUnit4");

    /// <summary>MprocGroup / MprocPriority fixtures whose tests log worker and times (Scheduling.NUnit4).</summary>
    public static string SchedulingNUnit4 => AssetPath("Scheduling.NUnit4");

    /// <summary>A test in two MprocGroups.</summary>
    public static string GroupConflictNUnit4 => AssetPath("GroupConflict.NUnit4");

    public static string NoTests => AssetPath("NoTests");

    public static string MismatchNUnit4 => AssetPath("Mismatch.NUnit4");

    public static string SleepyNUnit4 => AssetPath("Sleepy.NUnit4");

    public static string TrivialNUnit4 => AssetPath("Trivial.NUnit4");

    /// <summary>Tests that write their test parameters, cultures, work directory and timeout, and one test of each result (tests/TestAssets/Options.NUnit4).</summary>
    public static string OptionsNUnit4 => AssetPath("Options.NUnit4");

    public static string GlobalFixturesNUnit4 => AssetPath("GlobalFixtures.NUnit4");
    /// <summary>Tests that crash or hang their worker when CRASHY_MODE says so (tests/TestAssets/Crashy.NUnit4).</summary>
    public static string CrashyNUnit4 => AssetPath("Crashy.NUnit4");

    /// <summary>Tests that resolve types and assemblies by name through framework code (tests/TestAssets/Contextual.NUnit4).</summary>
    public static string ContextualNUnit4 => AssetPath("Contextual.NUnit4");

    /// <summary>Theories and [NonParallelizable] fixtures and tests whose tests log worker and times (Units.NUnit4).</summary>
    public static string UnitsNUnit4 => AssetPath("Units.NUnit4");

    /// <summary>NUnit 5's [DependsOnTest] / [DependsOnFixture] chains, passing and failing (Dependencies.NUnit5).</summary>
    public static string DependenciesNUnit5 => AssetPath("Dependencies.NUnit5");

    /// <summary>A fixture whose tests rely on NUnit's order inside it (tests/TestAssets/FixtureOrder.NUnit4).</summary>
    public static string FixtureOrderNUnit4 => AssetPath("FixtureOrder.NUnit4");

    /// <summary>Fixtures NUnit skips or fails as a whole (tests/TestAssets/WholeSuites.Shared) compiled against NUnit <paramref name="nunitMajor"/>.</summary>
    public static string WholeSuitesFor(int nunitMajor) => AssetPath($"WholeSuites.NUnit{nunitMajor}");

    /// <summary>The example suite a newcomer runs first (examples/Shop.Tests, NUnit 4.4, 22 passing tests).</summary>
    public static string ShopTests => BuiltAssembly(Path.Combine(RepoRoot, "examples", "Shop.Tests"), "Shop.Tests");

    /// <summary>The NUnit major versions the Outcomes suite is built against.</summary>
    public static IReadOnlyList<int> NUnitMajorVersions { get; } = [3, 4, 5];

    /// <summary>The Outcomes suite compiled against NUnit <paramref name="nunitMajor"/> (3, 4 or 5).</summary>
    public static string OutcomesFor(int nunitMajor) => AssetPath($"Outcomes.NUnit{nunitMajor}");

    /// <summary>Path of the built assembly of the asset project tests/TestAssets/{name}/{name}.csproj.</summary>
    public static string AssetPath(string name) =>
        BuiltAssembly(Path.Combine(RepoRoot, "tests", "TestAssets", name), name);

    /// <summary>Output folder of the asset project tests/TestAssets/{name}.</summary>
    public static string AssetDirectory(string name) =>
        Path.Combine(RepoRoot, "tests", "TestAssets", name, "bin", Configuration, TargetFramework);

    /// <summary>Writes a plain-text file named NotAnAssembly.dll into <paramref name="directory"/> and returns its path.</summary>
    public static string CreateNotAnAssembly(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, NotAnAssemblyFileName);
        File.WriteAllText(path, "This file is plain text, not a .NET assembly.\n");
        return path;
    }

    private static string BuiltAssembly(string projectDirectory, string name)
    {
        var path = Path.Combine(projectDirectory, "bin", Configuration, TargetFramework, name + ".dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"'{name}' is not built for {Configuration}/{TargetFramework}; build tests/Mproc.Tests first.", path);
        }

        return path;
    }

    private static string Metadata(string key) =>
        typeof(TestAssets).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; see Mproc.Tests.csproj.");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mproc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Mproc.sln above {AppContext.BaseDirectory}.");
    }
}
