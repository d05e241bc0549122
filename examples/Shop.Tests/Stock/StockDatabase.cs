namespace Shop.Tests.Stock;

/// <summary>
/// Namespace-level setup: stands in for starting a test database once, before any stock test runs
/// (with nunit-mproc: once per worker process that runs stock tests).
/// </summary>
[SetUpFixture]
public class StockDatabase
{
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(75);

    public static bool IsUp { get; private set; }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        await Task.Delay(200);
        IsUp = true;
    }

    [OneTimeTearDown]
    public void Stop() => IsUp = false;
}
