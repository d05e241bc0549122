namespace Outcomes.Parameterized;

public class CombinatorialTests : LoggedFixture
{
    [Test]
    public void Combines([Values(1, 2)] int number, [Values("x", "y", "z")] string letter) =>
        Assert.That($"{letter}{number}", Has.Length.EqualTo(2));
}
