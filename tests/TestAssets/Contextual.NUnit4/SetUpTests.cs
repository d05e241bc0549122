namespace Contextual;

/// <summary>Creates a test type by name in the fixture's one-time setup; its tests read what it got.</summary>
public sealed class OneTimeSetUpTests
{
    private object? _created;

    [OneTimeSetUp]
    public void CreateOnce() => _created = ByName.CreateThroughAppDomain("Contextual.Widget");

    [Test]
    public void OneTimeSetUp_CreatedByName() => Assert.That(_created, Is.TypeOf<Widget>());
}
