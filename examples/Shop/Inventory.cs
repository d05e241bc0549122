namespace Shop;

/// <summary>Reserves stock for a cart, all lines or none.</summary>
public sealed class Inventory
{
    private readonly IStockStore _store;

    public Inventory(IStockStore store) => _store = store;

    public async Task<bool> TryReserveAsync(Cart cart, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cart);
        foreach (var line in cart.Lines)
        {
            if (await _store.GetAsync(line.Product.Sku, cancellationToken).ConfigureAwait(false) < line.Quantity)
            {
                return false;
            }
        }

        foreach (var line in cart.Lines)
        {
            var available = await _store.GetAsync(line.Product.Sku, cancellationToken).ConfigureAwait(false);
            await _store.SetAsync(line.Product.Sku, available - line.Quantity, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
