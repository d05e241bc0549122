using NUnit.Framework;

namespace HeavyTail;

/// <summary>110 short tests: 20-100 ms, spread evenly and deterministically over 11 fixtures.</summary>
[TestFixtureSource(nameof(Fixtures))]
public class AShortTests
{
    private readonly int _fixture;

    public AShortTests(int fixture) => _fixture = fixture;

    public static IEnumerable<int> Fixtures => Enumerable.Range(0, 11);

    public static IEnumerable<int> Cases => Enumerable.Range(0, 10);

    [TestCaseSource(nameof(Cases))]
    public void Sleeps(int test) => Thread.Sleep(20 + ((((_fixture * 10) + test) * 37) % 81));
}

/// <summary>10 long tests of 2 s each, last in NUnit's order.</summary>
public class ZLongTests
{
    public static IEnumerable<int> Cases => Enumerable.Range(0, 10);

    [TestCaseSource(nameof(Cases))]
    public void SleepsLong(int test) => Thread.Sleep(2000);
}
