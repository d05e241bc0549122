namespace Mproc.GlobalFixtures;

/// <summary>
/// A fixture shared by the whole run. <see cref="SetUp"/> runs once, lazily, the first time a test
/// asks for it through <see cref="GlobalFixture.Get{TFixture, T}"/>; <see cref="TearDown"/> runs once
/// after the last test. Under nunit-mproc both run in a fixture host process and the value reaches
/// the tests serialized with System.Text.Json, so <typeparamref name="T"/> must survive a round trip.
/// </summary>
/// <typeparam name="T">The value the tests get, e.g. a connection string.</typeparam>
public interface IGlobalFixture<T>
{
    /// <summary>Creates the shared resource and returns what tests need to use it.</summary>
    T SetUp();

    /// <summary>Releases the resource; gets the value <see cref="SetUp"/> returned (not a copy).</summary>
    void TearDown(T value);
}
