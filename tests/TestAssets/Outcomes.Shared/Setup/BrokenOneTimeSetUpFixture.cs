namespace Outcomes.Setup;

/// <summary>Its OneTimeSetUp throws: NUnit reports every test in it failed, with site Parent.</summary>
public class BrokenOneTimeSetUpFixture : LoggedFixture
{
    [OneTimeSetUp]
    public void BreakEverything() => throw new InvalidOperationException("boom from OneTimeSetUp");

    [Test]
    public void First() => Assert.Pass();

    [Test]
    public void Second() => Assert.Pass();
}
