using System.Globalization;

namespace Mproc.Plugin;

/// <summary>
/// Who is running this test: the worker's id (0..Count-1), the number of workers and the run id.
/// Outside nunit-mproc (plain dotnet test) the test runs as worker 0 of 1 with no run id.
/// </summary>
public static class MprocWorker
{
    /// <summary>The environment variable nunit-mproc gives each worker its id in.</summary>
    public const string IdVariable = "MPROC_WORKER_ID";

    /// <summary>The environment variable nunit-mproc gives each worker the number of workers in.</summary>
    public const string CountVariable = "MPROC_WORKER_COUNT";

    /// <summary>The environment variable nunit-mproc gives each worker the run's id in.</summary>
    public const string RunIdVariable = "MPROC_RUN_ID";

    /// <summary>This worker's id, 0 to <see cref="Count"/> - 1.</summary>
    public static int Id => ReadInt(IdVariable, 0);

    /// <summary>How many workers the run has.</summary>
    public static int Count => ReadInt(CountVariable, 1);

    /// <summary>The run's id, or null when not running under nunit-mproc.</summary>
    public static string? RunId => Environment.GetEnvironmentVariable(RunIdVariable);

    /// <summary>True when running under nunit-mproc.</summary>
    public static bool IsMproc => RunId is not null;

    private static int ReadInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;
}
