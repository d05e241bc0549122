namespace Outcomes.Basic;

public class PassingTests : LoggedFixture
{
    [Test]
    public void Adds() => Assert.That(1 + 1, Is.EqualTo(2));

    [Test]
    public void ChecksSeveralThings() =>
        Assert.Multiple(() =>
        {
            Assert.That("abc", Does.StartWith("a"));
            Assert.That(new[] { 1, 2, 3 }, Has.Length.EqualTo(3));
        });

    [Test]
    public void PassesExplicitly() => Assert.Pass("passed on purpose");

    [Test]
    public async Task AwaitsSomething()
    {
        await Task.Yield();
        Assert.That(true, Is.True);
    }
}
