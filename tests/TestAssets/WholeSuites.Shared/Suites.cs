namespace WholeSuites;

// Fixtures NUnit skips or fails as a whole: it reports every child finished without starting it.
// Passing fixtures sit between them, so that grant boundaries fall before, inside and after each.

public sealed class A_Passing
{
    [Test]
    public void One() => Assert.Pass();

    [Test]
    public void Two() => Assert.Pass();
}

[Ignore("the whole fixture is ignored")]
public sealed class B_IgnoredFixture
{
    [Test]
    public void T1() => Assert.Fail("never runs");

    [Test]
    public void T2() => Assert.Fail("never runs");

    [Test]
    public void T3() => Assert.Fail("never runs");

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Cases(int value) => Assert.Fail("never runs " + value);

    [Test]
    public void T4() => Assert.Fail("never runs");
}

[Explicit("only when asked for")]
public sealed class C_ExplicitFixture
{
    [Test]
    public void T1() => Assert.Fail("never runs");

    [TestCase("a")]
    [TestCase("b")]
    public void Cases(string value) => Assert.Fail("never runs " + value);
}

[Platform("Win")]
public sealed class D_WindowsOnlyFixture
{
    [Test]
    public void T1() => Assert.Fail("never runs here");

    [Test]
    public void T2() => Assert.Fail("never runs here");
}

// Runs only where the current culture is Faroese: excluded as a whole elsewhere.
[Culture("fo-FO")]
public sealed class D2_CultureExcludedFixture
{
    [Test]
    public void T1() => Assert.Pass();

    [TestCase(1)]
    [TestCase(2)]
    public void Cases(int value) => Assert.Pass();
}

public sealed class E_Passing
{
    [Test]
    public void One() => Assert.Pass();
}

public sealed class F_OneTimeSetUpThrows
{
    [OneTimeSetUp]
    public void Start() => throw new InvalidOperationException("the fixture cannot start");

    [Test]
    public void T1() => Assert.Pass();

    [TestCase(1)]
    [TestCase(2)]
    public void Cases(int value) => Assert.Pass();

    [Test]
    public void T2() => Assert.Pass();
}

public sealed class G_OneTimeSetUpIgnores
{
    [OneTimeSetUp]
    public void Start() => Assert.Ignore("ignored by its one-time setup");

    [Test]
    public void T1() => Assert.Pass();

    [Test]
    public void T2() => Assert.Pass();
}

public sealed class H_OneTimeSetUpInconclusive
{
    [OneTimeSetUp]
    public void Start() => Assert.Inconclusive("its one-time setup cannot tell");

    [Test]
    public void T1() => Assert.Pass();

    [Test]
    public void T2() => Assert.Pass();
}

public sealed class I_ConstructorThrows
{
    public I_ConstructorThrows() => throw new InvalidOperationException("the fixture cannot be constructed");

    [Test]
    public void T1() => Assert.Pass();

    [Test]
    public void T2() => Assert.Pass();
}

[TestFixture(1)]
[TestFixture(2)]
public sealed class J_ParameterizedOneTimeSetUpThrows(int value)
{
    [OneTimeSetUp]
    public void Start()
    {
        if (value == 2)
        {
            throw new InvalidOperationException("instance 2 cannot start");
        }
    }

    [Test]
    public void T1() => Assert.Pass();

    [TestCase("x")]
    [TestCase("y")]
    public void Cases(string text) => Assert.Pass();
}

#if NUNIT5
public sealed class K_OneTimeSetUpPasses
{
    [OneTimeSetUp]
    public void Start() => Assert.Pass("passed by its one-time setup");

    [Test]
    public void T1() => Assert.Fail("never runs");

    [Test]
    public void T2() => Assert.Fail("never runs");
}
#endif

public sealed class Z_Passing
{
    [Test]
    public void One() => Assert.Pass();

    [Test]
    public void Two() => Assert.Pass();
}
