using NUnit.Framework;

namespace Crashy;

/// <summary>A fixture whose constructor always throws: NUnit fails its tests; nunit-mproc must match that.</summary>
public class ThrowingConstructorTests
{
    public const int Count = 2;

    public ThrowingConstructorTests() => throw new InvalidOperationException("Crashy: the fixture constructor throws");

    [Test]
    public void First() => Assert.Pass();

    [Test]
    public void Second() => Assert.Pass();
}
