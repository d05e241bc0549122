using System.Globalization;

namespace GlobalFixtureSuite;

/// <summary>
/// Lets integration tests see, from outside, what ran where and when. When MPROC_GF_LOG_DIR is set,
/// each process appends lines to "{pid}.log" in that folder, each ending with the pid and UTC ticks:
/// "setup {fixture} {pid} {ticks}", "teardown {fixture} {value} {pid} {ticks}",
/// "test {test name} {value} {pid} {ticks}" (written as the test ends), "cancelled {fixture} {pid} {ticks}"
/// (a SetUp saw its token cancelled).
/// </summary>
public static class FixtureLog
{
    public const string DirectoryVariable = "MPROC_GF_LOG_DIR";

    private static readonly object Gate = new();

    public static void SetUp(string fixture) => Write($"setup {fixture}");

    public static void TearDown(string fixture, string value) => Write($"teardown {fixture} {value}");

    public static void Cancelled(string fixture) => Write($"cancelled {fixture}");

    public static void Test(string value) => Write($"test {TestContext.CurrentContext.Test.Name} {value}");

    private static void Write(string line)
    {
        var dir = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(dir))
        {
            return;
        }

        var path = Path.Combine(dir, $"{Environment.ProcessId}.log");
        var stamped = string.Create(CultureInfo.InvariantCulture, $"{line} {Environment.ProcessId} {DateTime.UtcNow.Ticks}\n");
        lock (Gate)
        {
            File.AppendAllText(path, stamped);
        }
    }
}
