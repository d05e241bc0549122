namespace Outcomes;

/// <summary>
/// Lets integration tests count, from outside, what ran in which process. When MPROC_ASSET_LOG_DIR
/// is set, each process appends lines to "{pid}.log" in that folder:
/// "setupfixture", "setupfixture-teardown", "namespace-setupfixture {namespace}",
/// "onetimesetup {fixture full name}", "test {test full name} worker={MPROC_WORKER_ID or -}".
/// </summary>
public static class AssetLog
{
    public const string DirectoryVariable = "MPROC_ASSET_LOG_DIR";

    private static readonly object Gate = new();

    public static void Write(string line)
    {
        var dir = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(dir))
        {
            return;
        }

        var path = Path.Combine(dir, $"{Environment.ProcessId}.log");
        lock (Gate)
        {
            File.AppendAllText(path, line + "\n");
        }
    }

    public static void Test()
    {
        var worker = Environment.GetEnvironmentVariable("MPROC_WORKER_ID");
        Write($"test {TestContext.CurrentContext.Test.FullName} worker={(string.IsNullOrEmpty(worker) ? "-" : worker)}");
    }
}
