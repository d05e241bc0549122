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

    /// <summary>TestContext.WorkDirectory; read when the run starts.</summary>
    public const string WorkDirectory = "WorkDirectory";

    /// <summary>TestContext.Parameters, a Dictionary&lt;string, string&gt;; read when the assembly is loaded.</summary>
    public const string TestParametersDictionary = "TestParametersDictionary";

    /// <summary>Culture names NUnit sets on the tests' execution context; read when the run starts.</summary>
    public const string DefaultCulture = "DefaultCulture";

    public const string DefaultUICulture = "DefaultUICulture";

    /// <summary>A test's timeout in milliseconds unless it says otherwise; read when the run starts.</summary>
    public const string DefaultTimeout = "DefaultTimeout";
}
