using System.Diagnostics;
using NUnit.Framework;

namespace Crashy;

/// <summary>Each test kills its worker process in its own way when CRASHY_MODE names it.</summary>
public class CrashingTests
{
    public const int Count = 6;

    [Test]
    public void ExitsWithCode3()
    {
        if (CrashMode.Is("exit"))
        {
            Environment.Exit(3);
        }
    }

    [Test]
    public void FailsFast()
    {
        if (CrashMode.Is("failfast"))
        {
            Environment.FailFast("Crashy: failing fast");
        }
    }

    [Test]
    public void OverflowsTheStack()
    {
        if (CrashMode.Is("stackoverflow"))
        {
            Assert.That(Recurse(1), Is.GreaterThan(0));
        }
    }

    [Test]
    public void ThrowsOnABackgroundThread()
    {
        if (CrashMode.Is("thread"))
        {
            var thread = new Thread(() => throw new InvalidOperationException("Crashy: unhandled on a background thread"));
            thread.Start();
            thread.Join();
        }
    }

    [Test]
    public void KillsItsOwnProcess()
    {
        if (CrashMode.Is("sigkill"))
        {
            using var kill = Process.Start("kill", ["-9", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
            Thread.Sleep(Timeout.Infinite);
        }
    }

    [Test]
    public void Hangs()
    {
        if (CrashMode.Is("hang"))
        {
            Thread.Sleep(TimeSpan.FromMinutes(5));
        }
    }

    private static int Recurse(int depth) => depth == int.MaxValue ? depth : Recurse(depth + 1) + 1;
}
