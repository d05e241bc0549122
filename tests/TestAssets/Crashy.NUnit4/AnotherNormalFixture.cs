using NUnit.Framework;

namespace Crashy.Zz;

/// <summary>Tests that come last in the run order, after the crashing ones.</summary>
public class AnotherNormalFixture
{
    public const int Count = 5;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public void Passes(int value) => Assert.That(value, Is.Positive);
}
