using NUnit.Framework;

namespace Options.Shapes;

/// <summary>One test of each result, with text that needs TeamCity's escaping.</summary>
public class ShapeTests
{
    [Test]
    public void Passes()
    {
        Console.WriteLine("out |'[x]' ü");
        Console.WriteLine("second line");
    }

    [Test]
    public void Fails() => Assert.Fail("boom 'q' [b]");

    [Test]
    [Ignore("not today")]
    public void Ignored()
    {
    }

    [Test]
    public void Inconclusive() => Assert.Inconclusive("maybe");

    [Test]
    public void WritesLive()
    {
        TestContext.Progress.WriteLine("live progress");
        TestContext.Error.WriteLine("live error");
    }
}
