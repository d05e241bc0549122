using NUnit.Framework;

namespace FixtureOrder;

/// <summary>Create, use, delete: each test needs the one before it, in NUnit's (alphabetical) order.</summary>
public sealed class StatefulSequence
{
    private static readonly List<string> Store = [];

    [Test]
    public void A_Creates()
    {
        Store.Clear();
        Store.Add("record");
    }

    [Test]
    public void B_Uses() => Assert.That(Store, Is.EqualTo(new[] { "record" }), "A_Creates has not run before");

    [Test]
    public void C_Deletes()
    {
        Assert.That(Store.Remove("record"), Is.True, "nothing to delete: A_Creates has not run before");
    }
}
