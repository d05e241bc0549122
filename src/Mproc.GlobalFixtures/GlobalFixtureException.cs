namespace Mproc.GlobalFixtures;

/// <summary>
/// A global fixture could not give its value: its SetUp threw, its value cannot be serialized, it
/// depends on itself through other fixtures, or it is not a valid global fixture. The message names
/// the fixture; the same failure is reported to every test that asks, SetUp is not retried.
/// </summary>
public sealed class GlobalFixtureException : Exception
{
    /// <summary>Creates the exception without a message.</summary>
    public GlobalFixtureException()
    {
    }

    /// <summary>Creates the exception with a message that names the fixture.</summary>
    /// <param name="message">What went wrong.</param>
    public GlobalFixtureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public GlobalFixtureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
