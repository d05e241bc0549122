namespace Reports.Text;

/// <summary>
/// Characters XML 1.0 cannot carry (a lone surrogate) or that NUnit escapes (DEL) in test names,
/// messages and output.
/// </summary>
public class OddCharacterTests
{
    [TestCase("lone \ud800 high")]
    [TestCase("lone \udc00 low")]
    [TestCase("del \u007f char")]
    [TestCase("pair \ud83d\ude00 ok")]
    public void NamedWith(string text) => Assert.That(text, Is.Not.Empty);

    [Test]
    public void FailsWithOddMessage() => Assert.Fail("message \ud800 and \u007f end");

    [Test]
    public void WritesOddOutput() => Console.WriteLine("output \udfff and \u007f end");
}
