namespace Reports.Text;

/// <summary>
/// Characters XML 1.0 cannot carry (a lone surrogate) or that NUnit escapes (DEL) in test names,
/// messages and output.
/// </summary>
public class OddCharacterTests
{
    // An attribute stores its strings as UTF-8, where a lone surrogate becomes U+FFFD at compile
    // time; a TestCaseSource hands NUnit the .NET strings as they are.
    private static readonly string[] OddNames =
    [
        "lone \ud800 high", "lone \udc00 low", "reversed \udc00\ud800 pair", "\udbff at the start", "at the end \udfff", "del \u007f c1 \u0080\u009f",
    ];

    [TestCaseSource(nameof(OddNames))]
    public void FromSource(string text) => Assert.That(text, Is.Not.Empty);

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
