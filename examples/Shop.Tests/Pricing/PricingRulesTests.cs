namespace Shop.Tests.Pricing;

public class PricingRulesTests
{
    private readonly PricingRules _rules = new(vatRate: 0.20m);

    [TestCase(0, 0)]
    [TestCase(99.99, 0)]
    [TestCase(100, 10)]
    [TestCase(250, 25)]
    public void Discount_AppliesFromTheBulkThreshold(decimal subtotal, decimal expected) =>
        Assert.That(PricingRules.Discount(subtotal), Is.EqualTo(expected));

    [Test]
    public void Total_SmallCart_AddsVatOnly()
    {
        var cart = new Cart();
        cart.Add(Catalog.Apple, 4);

        Assert.That(_rules.Total(cart), Is.EqualTo(2.40m));
    }

    [Test]
    public void Total_BulkCart_DiscountsBeforeVat()
    {
        var cart = new Cart();
        cart.Add(Catalog.Grinder);
        cart.Add(Catalog.Coffee);

        // (89.00 + 24.90) = 113.90, minus 11.39 = 102.51, plus 20% VAT = 123.012 -> 123.01
        Assert.That(_rules.Total(cart), Is.EqualTo(123.01m));
    }
}
