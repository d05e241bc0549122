namespace Shop;

/// <summary>A shopping cart: one line per product, quantities add up.</summary>
public sealed class Cart
{
    private readonly Dictionary<string, CartLine> _lines = new(StringComparer.Ordinal);

    public IReadOnlyCollection<CartLine> Lines => _lines.Values;

    public int ItemCount => _lines.Values.Sum(line => line.Quantity);

    public decimal Subtotal => _lines.Values.Sum(line => line.Subtotal);

    public void Add(Product product, int quantity = 1)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        _lines[product.Sku] = _lines.TryGetValue(product.Sku, out var line)
            ? line with { Quantity = line.Quantity + quantity }
            : new CartLine(product, quantity);
    }

    public bool Remove(string sku) => _lines.Remove(sku);
}
