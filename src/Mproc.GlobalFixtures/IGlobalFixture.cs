namespace Mproc.GlobalFixtures;

/// <summary>
/// A fixture shared by the whole run. <see cref="SetUp"/> runs once, lazily, the first time a test
/// asks for it through <see cref="GlobalFixture.Get{TFixture, T}"/>; <see cref="TearDown"/> runs once
/// after the last test. Under nunit-mproc both run in a fixture host process and the value reaches
/// the tests serialized with System.Text.Json, so <typeparamref name="T"/> must survive a round trip.
/// For an asynchronous SetUp, a context and a cancellation token, implement
/// <see cref="IAsyncGlobalFixture{T}"/> (or derive from <see cref="GlobalFixture{TSelf, T}"/>) instead.
/// </summary>
/// <typeparam name="T">The value the tests get, e.g. a connection string.</typeparam>
public interface IGlobalFixture<T> : IGlobalFixtureOf<T>
{
    /// <summary>Creates the shared resource and returns what tests need to use it.</summary>
    /// <returns>The value every test that asks gets (a copy of it, after a JSON round trip).</returns>
    T SetUp();

    /// <summary>Releases the resource; gets the value <see cref="SetUp"/> returned (not a copy).</summary>
    /// <param name="value">What <see cref="SetUp"/> returned.</param>
    void TearDown(T value);
}
