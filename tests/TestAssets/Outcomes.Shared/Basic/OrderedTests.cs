#pragma warning disable CS0618 // [Order] is deprecated in NUnit 5 but still honoured; this fixture exists to test it.
namespace Outcomes.Basic;

/// <summary>
/// [Order] on a fixture and on tests (two with the same order, one without): NUnit runs ordered
/// children first, so a runner that predicts NUnit's run order must get these right.
/// </summary>
[TestFixture]
[Order(1)]
public class OrderedTests : LoggedFixture
{
    [Test]
    [Order(3)]
    public void Third() => Assert.Pass();

    [Test]
    [Order(1)]
    public void First() => Assert.Pass();

    [Test]
    [Order(1)]
    public void AlsoFirst() => Assert.Pass();

    [Test]
    public void Unordered() => Assert.Pass();
}
