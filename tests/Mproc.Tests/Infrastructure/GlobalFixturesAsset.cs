using System.Globalization;

namespace Mproc.Tests.Infrastructure;

/// <summary>
/// The GlobalFixtures suite (tests/TestAssets/GlobalFixtures.NUnit4): its categories, expected
/// counts, and the lines its fixtures and tests log to "{pid}.log" files in MPROC_GF_LOG_DIR.
/// </summary>
public static class GlobalFixturesAsset
{
    public const string LogDirectoryVariable = "MPROC_GF_LOG_DIR";
    public const string CrashVariable = "MPROC_GF_CRASH";

    /// <summary>
    /// xunit collection of the tests that run the asset's fixtures inside the test host, where the
    /// log folder is a process-wide environment variable: never two of them at once.
    /// </summary>
    public const string InProcessCollection = "GlobalFixtures asset in the test host";

    /// <summary>Three fixtures of 8 tests each, all using Database (and one Cache), 60 ms apiece.</summary>
    public const int SharedTests = 24;

    /// <summary>Tests of category Broken that ask for the fixture whose SetUp throws (2 more do not ask).</summary>
    public const int BrokenAskingTests = 3;
    public const int BrokenTests = 5;
    public const string BrokenMessage = "global fixture GlobalFixtureSuite.Broken: SetUp threw InvalidOperationException: the broken fixture cannot start";

    public const string Database = "Database";
    public const string Cache = "Cache";
    public const string Broken = "Broken";
    public const string Unserializable = "Unserializable";

    /// <summary>The variable that makes the fixture Crashing end its process: exit-setup, exit-teardown, stackoverflow-setup, hang-setup.</summary>
    public const string FixtureCrashVariable = "MPROC_GF_FIXTURE_CRASH";

    public const string Crashing = "Crashing";

    /// <summary>Category FixtureCrash: 3 tests ask for Crashing, 2 ask for nothing, 2 for Database (in NUnit's order).</summary>
    public const int FixtureCrashAskingTests = 3;
    public const int FixtureCrashTests = 7;

    /// <summary>Every test except the one that kills its worker (which would kill an in-process run), the one that sleeps a minute, those around the fixture that can end its process, and those made for shared builds.</summary>
    public const string AllButCrashAndSlow = "cat != Crash && cat != Slow && cat != FixtureCrash && cat != Waiting && cat != Build && cat != BuildBroken && cat != Held";

    /// <summary>Category Build: 3 fixtures of 8 tests, 150 ms apiece, each asking for Database (build scope) and Machine (node scope).</summary>
    public const int BuildTests = 24;
    public const string Machine = "Machine";

    /// <summary>Category BuildBroken: tests that each ask for Broken after 150 ms.</summary>
    public const int BuildBrokenTests = 12;

    /// <summary>Category Held: sets Database up, then holds its worker while the file named by this variable exists.</summary>
    public const string HoldVariable = "MPROC_GF_HOLD_FILE";
    public const int HeldTests = 2;

    public static IReadOnlyList<FixtureLogLine> ReadLog(string directory) =>
        [.. Directory.GetFiles(directory, "*.log").SelectMany(File.ReadAllLines).Select(FixtureLogLine.Parse).OrderBy(l => l.Ticks)];
}

/// <summary>
/// One logged line: Kind is setup, teardown or test; Subject the fixture or test name; Value the
/// value the test saw (or TearDown got), null for setup.
/// </summary>
public sealed record FixtureLogLine(string Kind, string Subject, string? Value, int ProcessId, long Ticks)
{
    public static FixtureLogLine Parse(string line)
    {
        var parts = line.Split(' ');
        var pid = int.Parse(parts[^2], CultureInfo.InvariantCulture);
        var ticks = long.Parse(parts[^1], CultureInfo.InvariantCulture);
        return parts.Length == 4
            ? new FixtureLogLine(parts[0], parts[1], null, pid, ticks)
            : new FixtureLogLine(parts[0], parts[1], parts[2], pid, ticks);
    }
}
