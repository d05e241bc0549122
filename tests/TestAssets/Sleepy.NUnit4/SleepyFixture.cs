using NUnit.Framework;

namespace Sleepy;

/// <summary>10 fixture instances (Fixture0..Fixture9) x 20 tests, each sleeping 50 ms.</summary>
[TestFixtureSource(nameof(Fixtures))]
public class SleepyFixture
{
    public const int FixtureCount = 10;
    public const int TestsPerFixture = 20;
    public const int SleepMilliseconds = 50;

    private readonly int _fixture;

    public SleepyFixture(int fixture) => _fixture = fixture;

    public static IEnumerable<TestFixtureData> Fixtures() =>
        Enumerable.Range(0, FixtureCount).Select(i => new TestFixtureData(i).SetArgDisplayNames($"Fixture{i}"));

    public static IEnumerable<int> Numbers() => Enumerable.Range(0, TestsPerFixture);

    [TestCaseSource(nameof(Numbers))]
    public void Sleeps(int number)
    {
        Thread.Sleep(SleepMilliseconds);
        Assert.That(number + _fixture, Is.GreaterThanOrEqualTo(0));
    }
}
