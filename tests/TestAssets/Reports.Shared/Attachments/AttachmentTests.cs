namespace Reports.Attachments;

/// <summary>Tests that attach files to their result with TestContext.AddTestAttachment.</summary>
public class AttachmentTests
{
    public const string LogDescription = "the log of the run";

    [Test]
    public void AttachesTwoFiles()
    {
        TestContext.AddTestAttachment(WriteFile("log.txt"), LogDescription);
        TestContext.AddTestAttachment(WriteFile("data.json"));
    }

    [Test]
    public void FailsWithScreenshot()
    {
        TestContext.AddTestAttachment(WriteFile("screenshot.png"), "screen at the failure");
        Assert.Fail("the page did not load");
    }

    [Test]
    public void AttachesNothing() => Assert.Pass();

    /// <summary>An absolute path that names the test, as NUnit requires of an attachment.</summary>
    private static string WriteFile(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), TestContext.CurrentContext.Test.Name + "." + name);
        File.WriteAllText(path, "attached by " + TestContext.CurrentContext.Test.FullName);
        return path;
    }
}
