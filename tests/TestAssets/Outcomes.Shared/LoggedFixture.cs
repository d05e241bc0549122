namespace Outcomes;

/// <summary>Base of every fixture in the suite: logs its one-time setup and each test that starts.</summary>
public abstract class LoggedFixture
{
    [OneTimeSetUp]
    public void LogOneTimeSetUp() => AssetLog.Write($"onetimesetup {TestContext.CurrentContext.Test.FullName}");

    [SetUp]
    public void LogTest() => AssetLog.Test();
}
