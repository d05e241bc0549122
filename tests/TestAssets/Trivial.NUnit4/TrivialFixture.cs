using NUnit.Framework;

namespace Trivial;

/// <summary>100 fixture instances (Fixture00..Fixture99) x 100 passing tests with deterministic names.</summary>
[TestFixtureSource(nameof(Fixtures))]
public class TrivialFixture
{
    public const int FixtureCount = 100;
    public const int TestsPerFixture = 100;

    private readonly int _fixture;

    public TrivialFixture(int fixture) => _fixture = fixture;

    public static IEnumerable<TestFixtureData> Fixtures() =>
        Enumerable.Range(0, FixtureCount).Select(i => new TestFixtureData(i).SetArgDisplayNames($"Fixture{i:D2}"));

    public static IEnumerable<int> Numbers() => Enumerable.Range(0, TestsPerFixture);

    [TestCaseSource(nameof(Numbers))]
    public void Passes(int number) => Assert.That(number + _fixture, Is.GreaterThanOrEqualTo(0));
}
