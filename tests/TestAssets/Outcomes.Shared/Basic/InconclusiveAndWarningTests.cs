namespace Outcomes.Basic;

public class InconclusiveAndWarningTests : LoggedFixture
{
    [Test]
    public void IsInconclusive() => Assert.Inconclusive("cannot tell");

    [Test]
    public void Warns() => Assert.Warn("a warning on purpose");
}
