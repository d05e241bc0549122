namespace Shop.Tests;

/// <summary>Products the tests share.</summary>
public static class Catalog
{
    public static readonly Product Apple = new("APL", "Apple", 0.50m);
    public static readonly Product Coffee = new("COF", "Coffee beans 1 kg", 24.90m);
    public static readonly Product Grinder = new("GRD", "Coffee grinder", 89.00m);
}
