namespace Outcomes.Parameterized;

public class RandomTests : LoggedFixture
{
    // Distinct: two equal values would make two test cases with one name, which tests that count
    // runs by name (each must run exactly once) could not tell from one test run twice.
    [Test]
    public void StaysInRange([Random(1, 100, 3, Distinct = true)] int value) => Assert.That(value, Is.InRange(1, 99));
}
