namespace Outcomes.Setup;

public class HealthyFixture : LoggedFixture
{
    private int _prepared;

    [OneTimeSetUp]
    public void Prepare() => _prepared = 42;

    [Test]
    public void SeesPreparedValue() => Assert.That(_prepared, Is.EqualTo(42));

    [Test]
    public void SeesPreparedValueAgain() => Assert.That(_prepared, Is.EqualTo(42));
}
