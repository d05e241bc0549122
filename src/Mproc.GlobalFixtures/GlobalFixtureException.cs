namespace Mproc.GlobalFixtures;

/// <summary>
/// A global fixture could not give its value: its SetUp threw, its value cannot be serialized, it
/// depends on itself through other fixtures, or it is not a valid global fixture. The message names
/// the fixture; the same failure is reported to every test that asks, SetUp is not retried.
/// </summary>
public sealed class GlobalFixtureException : Exception
{
    public GlobalFixtureException()
    {
    }

    public GlobalFixtureException(string message)
        : base(message)
    {
    }

    public GlobalFixtureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
