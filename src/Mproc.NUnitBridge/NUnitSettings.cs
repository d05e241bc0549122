namespace Mproc.NUnitBridge;

/// <summary>
/// Load settings passed to NUnit's runner. Literal keys (not FrameworkPackageSettings constants) so
/// the meaning is visible here; the names are identical in NUnit 3.14, 4.x and 5.x.
/// </summary>
internal static class NUnitSettings
{
    /// <summary>Listener events run on the executing thread, before the test does its work.</summary>
    public const string SynchronousEvents = "SynchronousEvents";

    /// <summary>0: no parallel dispatcher; tests run one at a time in tree order.</summary>
    public const string NumberOfTestWorkers = "NumberOfTestWorkers";

    /// <summary>Seeds [Random] and Randomizer so every worker generates the same cases.</summary>
    public const string RandomSeed = "RandomSeed";

    public const string WorkDirectory = "WorkDirectory";
}
