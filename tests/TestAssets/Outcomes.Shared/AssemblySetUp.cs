using NUnit.Framework;
using Outcomes;

/// <summary>Assembly-level setup fixture: outside any namespace, so it wraps the whole assembly.</summary>
[SetUpFixture]
public class AssemblySetUp
{
    [OneTimeSetUp]
    public void SetUp() => AssetLog.Write("setupfixture");

    [OneTimeTearDown]
    public void TearDown() => AssetLog.Write("setupfixture-teardown");
}
