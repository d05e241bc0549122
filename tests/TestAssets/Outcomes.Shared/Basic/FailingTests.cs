namespace Outcomes.Basic;

public class FailingTests : LoggedFixture
{
    [Test]
    public void FailsAnAssertion() => Assert.That(2 + 2, Is.EqualTo(5), "arithmetic is broken");

    [Test]
    public void ThrowsAnException() => throw new InvalidOperationException("boom from the test");

    [Test]
    public void FailsExplicitly() => Assert.Fail("failed on purpose");
}
