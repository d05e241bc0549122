namespace Mproc.GlobalFixtures;

/// <summary>
/// A global fixture could not give its value: its SetUp threw, its value cannot be serialized, it
/// depends on itself through other fixtures, or it is not a valid global fixture. The message names
/// the fixture; the same failure is reported to every test that asks, SetUp is not retried.
/// </summary>
public sealed class GlobalFixtureException : Exception
{
    /// <summary>An error without a message.</summary>
    public GlobalFixtureException()
    {
    }

    /// <summary>An error with a message that names the fixture.</summary>
    /// <param name="message">What went wrong, naming the fixture.</param>
    public GlobalFixtureException(string message)
        : base(message)
    {
    }

    /// <summary>An error with a message that names the fixture, caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What went wrong, naming the fixture.</param>
    /// <param name="innerException">The exception behind it.</param>
    public GlobalFixtureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
