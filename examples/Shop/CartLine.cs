namespace Shop;

public sealed record CartLine(Product Product, int Quantity)
{
    public decimal Subtotal => Product.UnitPrice * Quantity;
}
