namespace Shop;

public sealed record Product(string Sku, string Name, decimal UnitPrice);
