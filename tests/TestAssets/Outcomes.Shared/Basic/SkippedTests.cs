namespace Outcomes.Basic;

public class SkippedTests : LoggedFixture
{
    [Test]
    [Ignore("ignored on purpose")]
    public void IsIgnored() => Assert.Fail("an ignored test must not run");

    [Test]
    [Explicit("runs only when selected")]
    public void IsExplicit() => Assert.Pass();

    [Test]
    public void IgnoresItselfAtRunTime() => Assert.Ignore("ignored at run time");
}
