namespace Outcomes.Parameterized;

public class TestCaseTests : LoggedFixture
{
    [TestCase(1, 2, 3)]
    [TestCase(2, 2, 4)]
    [TestCase(-1, 1, 0)]
    [TestCase(2, 2, 5)]
    public void Adds(int a, int b, int sum) => Assert.That(a + b, Is.EqualTo(sum));
}
