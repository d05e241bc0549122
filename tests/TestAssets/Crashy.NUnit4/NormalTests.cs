using NUnit.Framework;

namespace Crashy;

/// <summary>Ordinary tests before and after the crashing ones (in NUnit's alphabetical order).</summary>
[TestFixtureSource(nameof(Fixtures))]
public class NormalTests
{
    public const int FixtureCount = 6;
    public const int TestsPerFixture = 6;
    public const int SleepMilliseconds = 20;

    /// <summary>Characters each passing test writes to Console.Out under CRASHY_MODE=bigoutput: a result larger than a worker's event log takes.</summary>
    public const int BigOutputLength = 600_000;

    private readonly int _fixture;

    public NormalTests(int fixture) => _fixture = fixture;

    public static IEnumerable<TestFixtureData> Fixtures() =>
        Enumerable.Range(0, FixtureCount).Select(i => new TestFixtureData(i).SetArgDisplayNames($"Fixture{i}"));

    public static IEnumerable<int> Numbers() => Enumerable.Range(0, TestsPerFixture);

    [TestCaseSource(nameof(Numbers))]
    public void Passes(int number)
    {
        Thread.Sleep(SleepMilliseconds);
        if (CrashMode.Is("bigoutput"))
        {
            Console.Out.Write($"big output of fixture {_fixture} test {number}: ");
            Console.Out.WriteLine(new string((char)('a' + number), BigOutputLength));
        }

        Assert.That(number + _fixture, Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Fails() => Assert.Fail($"Crashy: the failing test of fixture {_fixture}");
}
