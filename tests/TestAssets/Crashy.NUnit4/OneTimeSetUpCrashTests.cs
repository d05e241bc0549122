using NUnit.Framework;

namespace Crashy;

/// <summary>A fixture whose OneTimeSetUp kills its worker (exit code 5) when CRASHY_MODE names onetimesetup.</summary>
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
    }

    [Test]
    public void First() => Assert.Pass();

    [Test]
    public void Second() => Assert.Pass();

    [Test]
    public void Third() => Assert.Pass();
}
