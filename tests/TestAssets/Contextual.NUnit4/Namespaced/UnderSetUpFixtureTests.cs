namespace Contextual.Namespaced;

public sealed class UnderSetUpFixtureTests
{
    [Test]
    public void SetUpFixture_CreatedByName() => Assert.That(NamespaceSetUp.Created, Is.TypeOf<Widget>());

    [Test]
    public void SetUpFixture_LoadedTheDependency() => Assert.That(NamespaceSetUp.DependencyName, Is.EqualTo(ByName.DependencyName));
}
