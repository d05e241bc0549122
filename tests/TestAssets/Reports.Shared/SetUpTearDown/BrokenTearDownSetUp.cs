namespace Reports.SetUpTearDown;

/// <summary>A namespace SetUpFixture whose OneTimeTearDown throws after its fixtures ran.</summary>
[SetUpFixture]
public class BrokenTearDownSetUp
{
    [OneTimeTearDown]
    public void BreakAfterwards() => throw new InvalidOperationException("boom from SetUpFixture OneTimeTearDown");
}
