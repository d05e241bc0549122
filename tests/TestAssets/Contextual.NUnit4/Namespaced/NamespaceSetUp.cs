namespace Contextual.Namespaced;

/// <summary>A namespace [SetUpFixture] that creates and loads by name in its OneTimeSetUp and OneTimeTearDown.</summary>
[SetUpFixture]
public sealed class NamespaceSetUp
{
    public static object? Created { get; private set; }

    public static string? DependencyName { get; private set; }

    [OneTimeSetUp]
    public void SetUp()
    {
        Created = ByName.CreateThroughAppDomain("Contextual.Widget");
        DependencyName = AppDomain.CurrentDomain.Load(new System.Reflection.AssemblyName(ByName.DependencyName)).GetName().Name;
    }

    [OneTimeTearDown]
    public void TearDown() => ByName.LoadDependencyByFramework();
}
