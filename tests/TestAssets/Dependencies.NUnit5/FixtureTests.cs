using NUnit.Framework;

namespace Dependencies.Fixtures;

/// <summary>A fixture with a failing test: fixtures that depend on it are not run.</summary>
public class FailingFixture
{
    [Test]
    public void Breaks() => Assert.Fail("broken");

    [Test]
    public void Works() { }
}

[DependsOnFixture(typeof(FailingFixture))]
public class DependentFixture
{
    [Test]
    public void One() { }

    [Test]
    public void Two() { }
}

[DependsOnFixture(typeof(FailingFixture), AllowFailure = true)]
public class TolerantFixture
{
    [Test]
    public void Runs() { }
}

/// <summary>Schema, then Data, then Report: a chain across three fixtures that passes.</summary>
[DependsOnFixture(typeof(DataFixture))]
public class ReportFixture
{
    [Test]
    public void Render() { }
}

[DependsOnFixture(typeof(SchemaFixture))]
public class DataFixture
{
    [Test]
    public void Load() { }

    [Test]
    public void Check() { }
}

public class SchemaFixture
{
    [Test]
    public void Create() { }
}

public class PlainFixture
{
    [Test]
    public void Alone() { }

    [Test]
    public void AloneToo() { }
}
