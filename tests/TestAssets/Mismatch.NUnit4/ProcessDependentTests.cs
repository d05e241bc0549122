using System.Globalization;
using NUnit.Framework;

namespace Mismatch;

public class ProcessDependentTests
{
    /// <summary>One case named after the discovering process: no two processes discover the same test.</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(1).SetName("Stable");
        yield return new TestCaseData(2).SetName("FromProcess" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    }

    [TestCaseSource(nameof(Cases))]
    public void Runs(int value) => Assert.That(value, Is.Positive);

    [Test]
    public void AlwaysThere() => Assert.Pass();
}
