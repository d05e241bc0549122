namespace Mproc.GlobalFixtures;

/// <summary>
/// The asynchronous form of <see cref="IGlobalFixture{T}"/>: a fixture shared by the whole run, set up
/// once on first use and torn down once after the last test, with a <see cref="GlobalFixtureContext"/>
/// for its SetUp and a cancellation token. <see cref="GlobalFixture{TSelf, T}"/> implements it and
/// adds the short accessor <c>Database.Value</c>.
/// </summary>
/// <typeparam name="T">The value the tests get; it travels as System.Text.Json (see <see cref="IGlobalFixtureJson"/>).</typeparam>
public interface IAsyncGlobalFixture<T> : IGlobalFixtureOf<T>
{
    /// <summary>Creates the shared resource and returns what tests need to use it.</summary>
    /// <param name="context">The run it serves: run id, worker count, the test assembly's folder, and a log whose lines show in the run's output.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C and when the run ends (a SetUp still running then is given up).</param>
    /// <returns>The value every test that asks gets (a copy of it, after a JSON round trip).</returns>
    Task<T> SetUpAsync(GlobalFixtureContext context, CancellationToken cancellationToken);

    /// <summary>Releases the resource; gets the value <see cref="SetUpAsync"/> returned (not a copy).</summary>
    /// <param name="value">What <see cref="SetUpAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancelled when the teardown is to be cut short (a Ctrl+C while it runs).</param>
    /// <returns>A task that completes when the resource is released.</returns>
    Task TearDownAsync(T value, CancellationToken cancellationToken);
}
