namespace Reports.SetUpTearDown;

public class UnderBrokenSetUpFixture
{
    [Test]
    public void Passes1() => Assert.Pass();

    [Test]
    public void Passes2() => Assert.Pass();
}
