namespace Shop;

/// <summary>Where stock levels live (a database in real life).</summary>
public interface IStockStore
{
    Task<int> GetAsync(string sku, CancellationToken cancellationToken = default);

    Task SetAsync(string sku, int quantity, CancellationToken cancellationToken = default);
}
