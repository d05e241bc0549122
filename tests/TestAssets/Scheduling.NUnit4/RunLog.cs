using System.Diagnostics;
using System.Globalization;
using Mproc.Plugin;
using NUnit.Framework;

namespace Scheduling;

/// <summary>
/// When MPROC_ASSET_LOG_DIR is set, every test appends "test FULLNAME worker=ID start=TICKS end=TICKS"
/// to {dir}/{pid}.log, so a test can see from outside who ran what, and when.
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

    protected static void Work(int milliseconds) => Thread.Sleep(milliseconds);

    private static readonly TimeSpan MeetingTime = TimeSpan.FromSeconds(10);
    private static DateTime? _meetingEnds;

    /// <summary>
    /// Works like <see cref="Work"/>; when MPROC_ASSET_MEET_DIR is set, the first such test of each
    /// process first waits (at most 10 s) until a test of another process has come this far too, so
    /// whether tests may run in several workers does not depend on when each worker started.
    /// </summary>
    protected static void WorkBeside(int milliseconds)
    {
        var directory = Environment.GetEnvironmentVariable("MPROC_ASSET_MEET_DIR");
        if (!string.IsNullOrEmpty(directory))
        {
            File.WriteAllText(Path.Combine(directory, $"{Environment.ProcessId}.here"), string.Empty);
            _meetingEnds ??= DateTime.UtcNow + MeetingTime;
            while (Directory.GetFiles(directory, "*.here").Length < 2 && DateTime.UtcNow < _meetingEnds)
            {
                Thread.Sleep(20);
            }
        }

        Work(milliseconds);
    }
}
