using NUnit.Framework;

namespace Dependency;

public class DependencyTests
{
    public static readonly Version ExpectedJsonVersion = new(12, 0, 0, 0);

    private static string TestFolder => Path.GetDirectoryName(typeof(DependencyTests).Assembly.Location)!;

    [Test]
    public void NewtonsoftJsonIsTheVersionThisAssetReferences()
    {
        var json = typeof(Newtonsoft.Json.JsonConvert).Assembly;
        Assert.Multiple(() =>
        {
            Assert.That(json.GetName().Version, Is.EqualTo(ExpectedJsonVersion));
            Assert.That(Path.GetDirectoryName(json.Location), Is.EqualTo(TestFolder));
        });
    }

    [Test]
    public void ExtensionsPrimitivesIsTheVersionThisAssetReferences()
    {
        var primitives = typeof(Microsoft.Extensions.Primitives.StringValues).Assembly;
        Assert.Multiple(() =>
        {
            Assert.That(primitives.GetName().Version, Is.EqualTo(new Version(8, 0, 0, 0)));
            Assert.That(Path.GetDirectoryName(primitives.Location), Is.EqualTo(TestFolder));
        });
    }

    [Test]
    public void NewtonsoftJsonWorks() =>
        Assert.That(Newtonsoft.Json.JsonConvert.SerializeObject(new { A = 1 }), Is.EqualTo("{\"A\":1}"));

    [Test]
    public void NUnitFrameworkIsTheOneInTheTestFolder()
    {
        var nunit = typeof(Assert).Assembly;
        Assert.Multiple(() =>
        {
            Assert.That(nunit.GetName().Version!.Major, Is.EqualTo(4));
            Assert.That(Path.GetDirectoryName(nunit.Location), Is.EqualTo(TestFolder));
        });
    }
}
