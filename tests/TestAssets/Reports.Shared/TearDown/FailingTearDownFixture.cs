namespace Reports.TearDown;

/// <summary>
/// Six passing tests and one failing one under a OneTimeTearDown that throws: NUnit keeps each
/// test's own result and fails the fixture with label Error, site TearDown.
/// </summary>
public class FailingTearDownFixture
{
    [OneTimeTearDown]
    public void BreakAfterwards() => throw new InvalidOperationException("boom from OneTimeTearDown");

    [Test]
    public void Passes1() => Assert.Pass();

    [Test]
    public void Passes2() => Assert.Pass();

    [Test]
    public void Passes3() => Assert.Pass();

    [Test]
    public void Passes4() => Assert.Pass();

    [Test]
    public void Passes5() => Assert.Pass();

    [Test]
    public void Passes6() => Assert.Pass();

    [Test]
    public void Fails() => Assert.Fail("an ordinary assertion failure");
}
