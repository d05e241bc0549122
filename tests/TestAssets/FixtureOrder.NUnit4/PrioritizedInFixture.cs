using Mproc.Plugin;
using NUnit.Framework;

namespace FixtureOrder;

/// <summary>An explicit priority on a test moves it ahead inside its fixture; the others keep NUnit's order.</summary>
public sealed class PrioritizedInFixture
{
    [Test]
    public void A_First() => Assert.Pass();

    [Test]
    public void B_Second() => Assert.Pass();

    [Test]
    [MprocPriority(1)]
    public void C_Urgent() => Assert.Pass();
}
