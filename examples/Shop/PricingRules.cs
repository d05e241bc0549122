namespace Shop;

/// <summary>Discounts and tax: 10% off subtotals of 100 or more, then VAT on the discounted amount.</summary>
public sealed class PricingRules
{
    public const decimal BulkThreshold = 100m;
    public const decimal BulkDiscountRate = 0.10m;

    public PricingRules(decimal vatRate) => VatRate = vatRate;

    public decimal VatRate { get; }

    public static decimal Discount(decimal subtotal) => subtotal >= BulkThreshold ? Math.Round(subtotal * BulkDiscountRate, 2) : 0m;

    public decimal Total(Cart cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        var discounted = cart.Subtotal - Discount(cart.Subtotal);
        return Math.Round(discounted * (1 + VatRate), 2, MidpointRounding.AwayFromZero);
    }
}
