namespace Outcomes.Parameterized;

public class RandomTests : LoggedFixture
{
    [Test]
    public void StaysInRange([Random(1, 100, 3)] int value) => Assert.That(value, Is.InRange(1, 99));
}
