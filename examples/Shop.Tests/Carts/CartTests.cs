namespace Shop.Tests.Carts;

public class CartTests
{
    private Cart _cart = null!;

    [SetUp]
    public void NewCart() => _cart = new Cart();

    [Test]
    public void NewCart_IsEmpty() => Assert.That(_cart.ItemCount, Is.Zero);

    [Test]
    public void Add_SameProductTwice_KeepsOneLine()
    {
        _cart.Add(Catalog.Apple, 2);
        _cart.Add(Catalog.Apple, 3);

        Assert.Multiple(() =>
        {
            Assert.That(_cart.Lines, Has.Count.EqualTo(1));
            Assert.That(_cart.ItemCount, Is.EqualTo(5));
        });
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Add_NonPositiveQuantity_Throws(int quantity) =>
        Assert.That(() => _cart.Add(Catalog.Apple, quantity), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Remove_TakesTheLineOut()
    {
        _cart.Add(Catalog.Coffee);

        Assert.Multiple(() =>
        {
            Assert.That(_cart.Remove(Catalog.Coffee.Sku), Is.True);
            Assert.That(_cart.Lines, Is.Empty);
        });
    }

    [TestCase(1, 24.90)]
    [TestCase(2, 49.80)]
    [TestCase(4, 99.60)]
    public void Subtotal_IsPriceTimesQuantity(int quantity, decimal expected)
    {
        _cart.Add(Catalog.Coffee, quantity);

        Assert.That(_cart.Subtotal, Is.EqualTo(expected));
    }
}
