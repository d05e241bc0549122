using System.Globalization;
using Mproc.GlobalFixtures;

namespace Shop.Tests.PriceLists;

/// <summary>Where the run's price list is and how many products it holds.</summary>
public sealed record PriceListInfo(string Path, int Products);

/// <summary>
/// A price list exported once for the whole run (with nunit-mproc: once, however many workers),
/// shared by every test that reads prices from a file, and deleted at the end.
/// </summary>
[GlobalFixture]
public sealed class PriceListFile : IGlobalFixture<PriceListInfo>
{
    public PriceListInfo SetUp()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"shop-prices-{Guid.NewGuid():N}.csv");
        var products = new[] { Catalog.Apple, Catalog.Coffee, Catalog.Grinder };
        File.WriteAllLines(path, products.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Sku},{p.UnitPrice}")));
        return new PriceListInfo(path, products.Length);
    }

    public void TearDown(PriceListInfo value) => File.Delete(value.Path);
}
