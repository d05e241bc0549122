namespace Outcomes.Setup;

/// <summary>Namespace-level setup fixture: wraps only the fixtures of Outcomes.Setup.</summary>
[SetUpFixture]
public class NamespaceSetUp
{
    [OneTimeSetUp]
    public void SetUp() => AssetLog.Write("namespace-setupfixture Outcomes.Setup");
}
