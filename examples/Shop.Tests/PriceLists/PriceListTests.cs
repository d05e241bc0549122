using System.Globalization;
using Mproc.GlobalFixtures;

namespace Shop.Tests.PriceLists;

public class PriceListTests
{
    private static Dictionary<string, decimal> Prices()
    {
        var list = GlobalFixture.Get<PriceListFile, PriceListInfo>();
        return File.ReadAllLines(list.Path)
            .Select(line => line.Split(','))
            .ToDictionary(parts => parts[0], parts => decimal.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    [Test]
    public void PriceList_HoldsEveryCatalogProduct() =>
        Assert.That(Prices(), Has.Count.EqualTo(GlobalFixture.Get<PriceListFile, PriceListInfo>().Products));

    [TestCase("APL", 0.50)]
    [TestCase("COF", 24.90)]
    [TestCase("GRD", 89.00)]
    public void PriceList_MatchesTheCatalog(string sku, decimal price) =>
        Assert.That(Prices()[sku], Is.EqualTo(price));
}
