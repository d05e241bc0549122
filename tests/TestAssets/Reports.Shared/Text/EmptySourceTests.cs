namespace Reports.Text;

/// <summary>A TestCaseSource that yields no cases, beside an ordinary test.</summary>
public class EmptySourceTests
{
    private static readonly int[] None = [];

    [TestCaseSource(nameof(None))]
    public void FromEmptySource(int value) => Assert.That(value, Is.Positive);

    [Test]
    public void Ordinary() => Assert.Pass();
}
