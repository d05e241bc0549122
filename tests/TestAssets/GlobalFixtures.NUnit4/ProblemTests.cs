using Mproc.GlobalFixtures;

namespace GlobalFixtureSuite;

[Category("Failing")]
public class FailingTests
{
    [Test]
    public void FailsAfterUsingTheDatabase()
    {
        var db = GlobalFixture.Get<Database, DatabaseInfo>();
        FixtureLog.Test(db.Token.ToString("N"));
        Assert.Fail("this test fails on purpose");
    }
}

/// <summary>
/// Calls Environment.Exit when MPROC_GF_CRASH=1, killing its worker process. It first waits for the
/// worker's periodic flush, so the coordinator knows which test was running when the worker died.
/// </summary>
[Category("Crash")]
public class CrashingTests
{
    public const string CrashVariable = "MPROC_GF_CRASH";

    [Test]
    public void KillsItsWorker()
    {
        var db = GlobalFixture.Get<Database, DatabaseInfo>();
        FixtureLog.Test(db.Token.ToString("N"));
        if (Environment.GetEnvironmentVariable(CrashVariable) == "1")
        {
            Thread.Sleep(500);
            Environment.Exit(3);
        }
    }
}

/// <summary>Holds the database for a long time, so a run can be interrupted while it uses it.</summary>
[Category("Slow")]
public class SlowTests
{
    [Test]
    public void HoldsTheDatabase()
    {
        var db = GlobalFixture.Get<Database, DatabaseInfo>();
        FixtureLog.Test(db.Token.ToString("N"));
        Thread.Sleep(TimeSpan.FromSeconds(60));
    }
}

[Category("Broken")]
public class BrokenTests
{
    public const int AskingTests = 3;

    [Test]
    public void AsksForBroken([Range(1, AskingTests)] int n) => GlobalFixture.Get<Broken, int>();

    [Test]
    public void DoesNotAsk([Range(1, 2)] int n) => Assert.Pass();
}

[Category("Unserializable")]
public class UnserializableTests
{
    [Test]
    public void AsksForUnserializable() => GlobalFixture.Get<Unserializable, ProcessHandle>();
}

[Category("Cycle")]
public class CycleTests
{
    [Test]
    public void AsksForCycleA() => GlobalFixture.Get<CycleA, string>();
}

[Category("Unmarked")]
public class UnmarkedTests
{
    [Test]
    public void AsksForUnmarked() => GlobalFixture.Get<Unmarked, int>();
}

/// <summary>Tests around the fixture that can end its process (see <see cref="Crashing"/>).</summary>
[Category("FixtureCrash")]
public class FixtureCrashTests
{
    public const int AskingTests = 3;

    [Test]
    public void AsksForCrashing([Range(1, AskingTests)] int n) => FixtureLog.Test(GlobalFixture.Get<Crashing, string>());

    [Test]
    public void DoesNotAsk([Range(1, 2)] int n) => Assert.Pass();

    [Test]
    public void UsesTheDatabase([Range(1, 2)] int n) => FixtureLog.Test(GlobalFixture.Get<Database, DatabaseInfo>().Token.ToString("N"));
}
