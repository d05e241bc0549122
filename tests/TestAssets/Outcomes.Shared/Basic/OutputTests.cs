namespace Outcomes.Basic;

public class OutputTests : LoggedFixture
{
    public const string OutLine = "hello from Console.Out";
    public const string ErrorLine = "hello from Console.Error";
    public const string ProgressLine = "progress: one whole line";

    [Test]
    public void WritesToConsoleOut()
    {
        Console.WriteLine(OutLine);
        Assert.Pass();
    }

    [Test]
    public void WritesToConsoleError()
    {
        Console.Error.WriteLine(ErrorLine);
        TestContext.Progress.Write("progress: ");
        TestContext.Progress.WriteLine("one whole line");
        Assert.Pass();
    }
}
