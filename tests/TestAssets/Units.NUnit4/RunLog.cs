using System.Globalization;
using Mproc.Plugin;
using NUnit.Framework;

namespace Units;

/// <summary>
/// When MPROC_ASSET_LOG_DIR is set, every test appends "test FULLNAME worker=ID start=TICKS end=TICKS"
/// to {dir}/{pid}.log (UTC ticks, one clock for every process), so a test can see from outside who
/// ran what, and when. Each test works a little, so that overlapping tests would show.
/// </summary>
public abstract class LoggedTests
{
    private long _start;

    [SetUp]
    public void Started() => _start = DateTime.UtcNow.Ticks;

    [TearDown]
    public void Finished()
    {
        var directory = Environment.GetEnvironmentVariable("MPROC_ASSET_LOG_DIR");
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"test {TestContext.CurrentContext.Test.FullName} worker={MprocWorker.Id} start={_start} end={DateTime.UtcNow.Ticks}");
        File.AppendAllLines(Path.Combine(directory, $"{Environment.ProcessId}.log"), [line]);
    }

    protected static void Work() => Thread.Sleep(60);
}
