namespace WholeSuites.Guarded;

/// <summary>A namespace SetUpFixture whose OneTimeSetUp throws: every fixture below fails at once.</summary>
[SetUpFixture]
public sealed class GuardSetUp
{
    [OneTimeSetUp]
    public void Start() => throw new InvalidOperationException("the namespace cannot start");
}

public sealed class First
{
    [Test]
    public void T1() => Assert.Pass();

    [Test]
    public void T2() => Assert.Pass();
}

public sealed class Second
{
    [TestCase(1)]
    [TestCase(2)]
    public void Cases(int value) => Assert.Pass();

    [Test]
    public void T3() => Assert.Pass();
}
