namespace Shop.Tests.Stock;

/// <summary>A stock store that answers after a fixed delay, the way a database would.</summary>
public sealed class InMemoryStockStore : IStockStore
{
    private readonly Dictionary<string, int> _stock = new(StringComparer.Ordinal);
    private readonly TimeSpan _latency;

    public InMemoryStockStore(TimeSpan latency) => _latency = latency;

    public async Task<int> GetAsync(string sku, CancellationToken cancellationToken = default)
    {
        await Task.Delay(_latency, cancellationToken);
        return _stock.GetValueOrDefault(sku);
    }

    public async Task SetAsync(string sku, int quantity, CancellationToken cancellationToken = default)
    {
        await Task.Delay(_latency, cancellationToken);
        _stock[sku] = quantity;
    }
}
