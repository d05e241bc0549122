using NUnit.Framework;

namespace Crashy;

/// <summary>
/// A fixture whose OneTimeSetUp kills its worker (exit code 5) when CRASHY_MODE names onetimesetup,
/// or never returns with setuphang; whose OneTimeTearDown never returns with teardownhang.
/// </summary>
public class OneTimeSetUpCrashTests
{
    public const int Count = 3;

    [OneTimeSetUp]
    public void KillTheWorkerFirst()
    {
        if (CrashMode.Is("onetimesetup"))
        {
            Environment.Exit(5);
        }

        if (CrashMode.Is("setuphang"))
        {
            Thread.Sleep(TimeSpan.FromMinutes(5));
        }
    }

    [OneTimeTearDown]
    public void HangAtTheEnd()
    {
        if (CrashMode.Is("teardownhang"))
        {
            Thread.Sleep(TimeSpan.FromMinutes(5));
        }
    }

    [Test]
    public void First() => Assert.Pass();

    [Test]
    public void Second() => Assert.Pass();

    [Test]
    public void Third() => Assert.Pass();
}
