using Mproc.GlobalFixtures;

namespace Contextual;

/// <summary>Converts and creates by name in its SetUp, creates by name in its TearDown, which nunit-mproc runs in its fixture host process.</summary>
[GlobalFixture]
public sealed class PriceList : IGlobalFixture<string>
{
    public string SetUp()
    {
        var money = ByName.ParseMoney("11 NOK");
        var created = ByName.CreateThroughAppDomain("Contextual.Widget");
        return $"{money.Amount} {money.Currency} {created?.GetType().Name}";
    }

    /// <summary>A TearDown that throws is a warning on the coordinator's standard error.</summary>
    public void TearDown(string value) => ByName.CreateThroughAppDomain("Contextual.Widget");
}

public sealed class GlobalFixtureTests
{
    [Test]
    public void GlobalFixture_SetUpConverted() =>
        Assert.That(GlobalFixture.Get<PriceList, string>(), Is.EqualTo("11 NOK Widget"));
}
