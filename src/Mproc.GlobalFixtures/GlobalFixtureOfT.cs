namespace Mproc.GlobalFixtures;

/// <summary>
/// A base class for an asynchronous global fixture that gives its value through a static property:
/// <c>class Database : GlobalFixture&lt;Database, DatabaseInfo&gt;</c>, then <c>Database.Value</c> in a
/// test. The class still needs <see cref="GlobalFixtureAttribute"/>.
/// </summary>
/// <typeparam name="TSelf">The fixture class itself.</typeparam>
/// <typeparam name="T">The value the tests get.</typeparam>
public abstract class GlobalFixture<TSelf, T> : IAsyncGlobalFixture<T>
    where TSelf : GlobalFixture<TSelf, T>, new()
{
    /// <summary>
    /// The fixture's value, set up on first use; the same as <c>GlobalFixture.Get&lt;TSelf, T&gt;()</c>.
    /// </summary>
    /// <exception cref="GlobalFixtureException">SetUp failed, or the value cannot travel (see <see cref="GlobalFixture.Get{TFixture, T}"/>).</exception>
#pragma warning disable CA1000 // The point of the class: a static accessor on the fixture's own type.
    public static T Value => GlobalFixture.Get<TSelf, T>();
#pragma warning restore CA1000

    /// <inheritdoc />
    public abstract Task<T> SetUpAsync(GlobalFixtureContext context, CancellationToken cancellationToken);

    /// <summary>Releases the resource; by default nothing to do.</summary>
    /// <param name="value">What <see cref="SetUpAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancelled when the teardown is to be cut short (a Ctrl+C while it runs).</param>
    /// <returns>A task that completes when the resource is released.</returns>
    public virtual Task TearDownAsync(T value, CancellationToken cancellationToken) => Task.CompletedTask;
}
