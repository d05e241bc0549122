using NUnit.Framework;

namespace Dependencies.Chain;

/// <summary>Install, then Upgrade, then Verify, in one fixture; all pass.</summary>
public class InstallTests
{
    [Test, DependsOnTest(nameof(Upgrade))]
    public void Verify() { }

    [Test]
    public void Independent() { }

    [Test, DependsOnTest(nameof(Install))]
    public void Upgrade() { }

    [Test]
    public void Install() { }
}

/// <summary>The install fails: what depends on it is not run, unless it allows the failure.</summary>
public class BrokenInstallTests
{
    [Test]
    public void Install() => Assert.Fail("disk full");

    [Test, DependsOnTest(nameof(Install))]
    public void Upgrade() { }

    [Test, DependsOnTest(nameof(Upgrade))]
    public void Verify() { }

    [Test, DependsOnTest(nameof(Install), AllowFailure = true)]
    public void CollectLogs() { }

    [Test]
    public void Unrelated() { }
}

/// <summary>A dependency on a parameterized method: every case must pass.</summary>
public class SeededTests
{
    [TestCase(1)]
    [TestCase(2)]
    public void Seed(int row) => Assert.That(row, Is.Positive);

    [Test, DependsOnTest(nameof(Seed))]
    public void Query() { }
}
