using System.ComponentModel;
using System.Globalization;

namespace Contextual;

/// <summary>A value with a converter declared in the test assembly, found by TypeDescriptor by name.</summary>
[TypeConverter(typeof(MoneyConverter))]
public sealed record Money(decimal Amount, string Currency);

public sealed class MoneyConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is not string text)
        {
            return base.ConvertFrom(context, culture, value);
        }

        var parts = text.Split(' ', 2);
        return new Money(decimal.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]);
    }
}

/// <summary>The victims, each the way framework code resolves a name (from the framework's own assemblies).</summary>
public static class ByName
{
    public const string AssemblyName = "Contextual.NUnit4";
    public const string DependencyName = "Contextual.Dependency";

    /// <summary>TypeDescriptor finds the converter by its name (and caches what it found per type).</summary>
    public static Money ParseMoney(string text) =>
        (Money)TypeDescriptor.GetConverter(typeof(Money)).ConvertFrom(null, CultureInfo.InvariantCulture, text)!;

    /// <summary>Type.GetType called by framework code (System.Linq's Select here), as a configuration binder does.</summary>
    public static Type? GetTypeByFramework(string assemblyQualifiedName) =>
        new[] { assemblyQualifiedName }.Select(Type.GetType).Single();

    /// <summary>Activator.CreateInstance(assemblyName, typeName) called by framework code.</summary>
    public static object? CreateByFramework(string typeName) =>
        new[] { AssemblyName }.Zip([typeName], Activator.CreateInstance).Single()?.Unwrap();

    /// <summary>AppDomain.CreateInstanceAndUnwrap: the framework calls Activator.CreateInstance(assemblyName, typeName).</summary>
    public static object? CreateThroughAppDomain(string typeName) =>
        AppDomain.CurrentDomain.CreateInstanceAndUnwrap(AssemblyName, typeName);

    /// <summary>Assembly.Load(AssemblyName) called by framework code.</summary>
    public static System.Reflection.Assembly LoadDependencyByFramework() =>
        new[] { new System.Reflection.AssemblyName(DependencyName) }.Select(System.Reflection.Assembly.Load).Single();
}

/// <summary>Created by name.</summary>
public sealed class Widget
{
    public string Name { get; set; } = "widget";
}

/// <summary>Serialized with XmlSerializer.</summary>
public sealed class Order
{
    public string Customer { get; set; } = string.Empty;

    public List<OrderLine> Lines { get; set; } = [];
}

public sealed class OrderLine
{
    public string Product { get; set; } = string.Empty;

    public int Quantity { get; set; }
}
