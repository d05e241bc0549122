namespace Reports.Invalid;

/// <summary>A fixture NUnit cannot construct (no arguments for its constructor): not runnable.</summary>
public class NeedsArgumentsFixture
{
    private readonly int _value;

    public NeedsArgumentsFixture(int value) => _value = value;

    [Test]
    public void NeverRuns() => Assert.That(_value, Is.Zero);
}
