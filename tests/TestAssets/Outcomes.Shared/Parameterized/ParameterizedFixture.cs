namespace Outcomes.Parameterized;

[TestFixture(1)]
[TestFixture(2)]
public class ParameterizedFixture : LoggedFixture
{
    private readonly int _factor;

    public ParameterizedFixture(int factor) => _factor = factor;

    [Test]
    public void IsPositive() => Assert.That(_factor, Is.Positive);

    [Test]
    public void Doubles() => Assert.That(_factor * 2, Is.EqualTo(_factor + _factor));
}
