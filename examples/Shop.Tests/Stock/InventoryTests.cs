namespace Shop.Tests.Stock;

/// <summary>
/// Deliberately slow: each test makes four round trips of ~75 ms to the stock store. Under
/// nunit-mproc it starts first (priority 1; the default is 10), so the slow part does not end up
/// alone at the tail of the run.
/// </summary>
[Mproc.Plugin.MprocPriority(1)]
public class InventoryTests
{
    private InMemoryStockStore _store = null!;
    private Inventory _inventory = null!;

    [SetUp]
    public async Task SeedAsync()
    {
        Assert.That(StockDatabase.IsUp, Is.True);
        _store = new InMemoryStockStore(StockDatabase.Latency);
        _inventory = new Inventory(_store);
        await _store.SetAsync(Catalog.Coffee.Sku, 5);
        await _store.SetAsync(Catalog.Grinder.Sku, 1);
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(5)]
    public async Task Reserve_WithinStock_Succeeds(int quantity)
    {
        var cart = new Cart();
        cart.Add(Catalog.Coffee, quantity);

        Assert.That(await _inventory.TryReserveAsync(cart), Is.True);
        Assert.That(await _store.GetAsync(Catalog.Coffee.Sku), Is.EqualTo(5 - quantity));
    }

    [TestCase(6)]
    [TestCase(10)]
    public async Task Reserve_BeyondStock_Fails(int quantity)
    {
        var cart = new Cart();
        cart.Add(Catalog.Coffee, quantity);

        Assert.That(await _inventory.TryReserveAsync(cart), Is.False);
    }

    [Test]
    public async Task Reserve_OneLineShort_ReservesNothing()
    {
        var cart = new Cart();
        cart.Add(Catalog.Coffee, 2);
        cart.Add(Catalog.Grinder, 2);

        Assert.That(await _inventory.TryReserveAsync(cart), Is.False);
        Assert.That(await _store.GetAsync(Catalog.Coffee.Sku), Is.EqualTo(5));
    }

    [Test]
    public async Task Reserve_TwoLines_TakesBoth()
    {
        var cart = new Cart();
        cart.Add(Catalog.Coffee);
        cart.Add(Catalog.Grinder);

        Assert.That(await _inventory.TryReserveAsync(cart), Is.True);
        Assert.That(await _store.GetAsync(Catalog.Grinder.Sku), Is.Zero);
    }

    [Test]
    public async Task Reserve_EmptyCart_Succeeds()
    {
        Assert.That(await _inventory.TryReserveAsync(new Cart()), Is.True);
        Assert.That(await _store.GetAsync(Catalog.Coffee.Sku), Is.EqualTo(5));
    }
}
