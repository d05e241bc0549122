using Mproc.GlobalFixtures;

namespace GlobalFixtureSuite;

/// <summary>Enough slow tests in several fixtures that three workers all get some.</summary>
[Category("Shared")]
public class DatabaseTests
{
    [Test]
    public void Query([Range(1, 8)] int n)
    {
        var db = GlobalFixture.Get<Database, DatabaseInfo>();
        Thread.Sleep(60);
        Assert.That(db.ConnectionString, Does.Contain(db.Token.ToString("N")));
        FixtureLog.Test(db.Token.ToString("N"));
    }
}

[Category("Shared")]
public class CacheTests
{
    [Test]
    public void Lookup([Range(1, 8)] int n)
    {
        var cache = GlobalFixture.Get<Cache, CacheInfo>();
        var db = GlobalFixture.Get<Database, DatabaseInfo>();
        Thread.Sleep(60);
        Assert.That(cache.DatabaseToken, Is.EqualTo(db.Token));
        FixtureLog.Test(db.Token.ToString("N"));
    }
}

[Category("Shared")]
public class ReportTests
{
    [Test]
    public void Render([Range(1, 8)] int n)
    {
        var db = GlobalFixture.Get<Database, DatabaseInfo>();
        Thread.Sleep(60);
        Assert.That(GlobalFixture.Get<Database, DatabaseInfo>(), Is.SameAs(db), "one instance per process");
        FixtureLog.Test(db.Token.ToString("N"));
    }
}
