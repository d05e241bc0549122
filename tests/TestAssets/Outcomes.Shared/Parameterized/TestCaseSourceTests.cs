namespace Outcomes.Parameterized;

public class TestCaseSourceTests : LoggedFixture
{
    public static IEnumerable<TestCaseData> Words()
    {
        yield return new TestCaseData("apple", 5);
        yield return new TestCaseData("kiwi", 4);
        yield return new TestCaseData("fig", 3).SetName("ShortWord");
    }

    [TestCaseSource(nameof(Words))]
    public void MeasuresLength(string word, int length) => Assert.That(word, Has.Length.EqualTo(length));
}
