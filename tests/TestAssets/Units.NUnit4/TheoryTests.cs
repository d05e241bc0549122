using NUnit.Framework;

namespace Units.Theories;

/// <summary>
/// Theories whose cases are partly inconclusive (a failed assumption): NUnit passes such a theory
/// when some case passed, and fails it only when every case was inconclusive.
/// </summary>
public class TheoryTests
{
    [DatapointSource]
    public static int[] Values { get; } = [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    public void UpperHalfIsLarge(int value)
    {
        Assume.That(value > 4);
        Assert.That(value, Is.GreaterThan(4));
    }

    [Theory]
    public void OnlyOneCaseApplies(int value)
    {
        Assume.That(value == 8);
        Assert.That(value, Is.EqualTo(8));
    }

    [Theory]
    public void NoCaseApplies(int value)
    {
        Assume.That(value > 100);
    }

    [Theory]
    public void OneCaseFails(int value)
    {
        Assume.That(value % 2 == 0);
        Assert.That(value, Is.Not.EqualTo(6));
    }
}
