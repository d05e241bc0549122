using System.Xml.Serialization;

namespace Contextual;

public sealed class VictimTests
{
    public static IEnumerable<TestCaseData> WidgetsFoundAtDiscovery()
    {
        // Runs while NUnit loads the tests.
        yield return new TestCaseData(ByName.CreateThroughAppDomain("Contextual.Widget")?.GetType().Name).SetName("Discovery_CreatesATestTypeByName");
    }

    [Test]
    public void TypeConverter_DeclaredInTheTestAssembly_ConvertsFromString()
    {
        Assert.That(ByName.ParseMoney("12.50 EUR"), Is.EqualTo(new Money(12.50m, "EUR")));
    }

    [Test]
    public void TypeGetType_ByAssemblyQualifiedName_FindsTheTestType()
    {
        Assert.That(ByName.GetTypeByFramework($"Contextual.Widget, {ByName.AssemblyName}"), Is.SameAs(typeof(Widget)));
    }

    [Test]
    public void ActivatorCreateInstance_ByAssemblyAndTypeName_CreatesTheTestType()
    {
        Assert.That(ByName.CreateByFramework("Contextual.Widget"), Is.TypeOf<Widget>());
    }

    [Test]
    public void AppDomainCreateInstance_ByAssemblyAndTypeName_CreatesTheTestType()
    {
        Assert.That(ByName.CreateThroughAppDomain("Contextual.Widget"), Is.TypeOf<Widget>());
    }

    [Test]
    public void XmlSerializer_OfATestType_RoundTrips()
    {
        var order = new Order { Customer = "Ada", Lines = [new OrderLine { Product = "tea", Quantity = 2 }] };
        var serializer = new XmlSerializer(typeof(Order));
        using var writer = new StringWriter();
        serializer.Serialize(writer, order);
        using var reader = System.Xml.XmlReader.Create(new StringReader(writer.ToString()), new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
        var back = (Order)serializer.Deserialize(reader)!;
        Assert.That(back.Lines.Single().Product, Is.EqualTo("tea"));
    }

    [Test]
    public void AssemblyLoad_ByName_FindsTheTestFoldersDependency()
    {
        Assert.That(ByName.LoadDependencyByFramework().GetType("Contextual.Dependency.Greeting"), Is.Not.Null);
    }

    [Test]
    public void AppDomainLoad_ByName_FindsTheTestFoldersDependency()
    {
        Assert.That(AppDomain.CurrentDomain.Load(new System.Reflection.AssemblyName(ByName.DependencyName)).GetName().Name, Is.EqualTo(ByName.DependencyName));
    }

    [TestCaseSource(nameof(WidgetsFoundAtDiscovery))]
    public void DiscoveryTime(string? typeName)
    {
        Assert.That(typeName, Is.EqualTo(nameof(Widget)));
    }
}
