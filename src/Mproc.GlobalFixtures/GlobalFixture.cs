using System.Reflection;

namespace Mproc.GlobalFixtures;

/// <summary>
/// The typed accessor tests use: <c>GlobalFixture.Get&lt;Database, DatabaseInfo&gt;()</c> (or, for a
/// fixture derived from <see cref="GlobalFixture{TSelf, T}"/>, the shorter <c>Database.Value</c>).
/// </summary>
public static class GlobalFixture
{
    /// <summary>
    /// The value of the global fixture <typeparamref name="TFixture"/>, set up on first use.
    /// Under nunit-mproc it is set up once for the whole run in nunit-mproc's fixture host process; elsewhere (plain
    /// dotnet test) once per process and torn down when the process exits. In both cases the value a
    /// test gets has made a System.Text.Json round trip, and every call in a process returns the
    /// same instance.
    /// </summary>
    /// <exception cref="GlobalFixtureException">
    /// SetUp threw, the value cannot be serialized, the fixtures depend on each other in a cycle,
    /// <typeparamref name="TFixture"/> is not marked <see cref="GlobalFixtureAttribute"/>, or (under
    /// nunit-mproc) the process that set it up ended during its SetUp.
    /// </exception>
    /// <typeparam name="TFixture">The fixture class: marked <see cref="GlobalFixtureAttribute"/>, implementing <see cref="IGlobalFixture{T}"/> or <see cref="IAsyncGlobalFixture{T}"/>.</typeparam>
    /// <typeparam name="T">The fixture's value type.</typeparam>
    /// <returns>The fixture's value: the same instance for every call in a process.</returns>
    public static T Get<TFixture, T>()
        where TFixture : IGlobalFixtureOf<T>, new()
    {
        var fixtureType = typeof(TFixture);
        if (fixtureType.GetCustomAttribute<GlobalFixtureAttribute>() is null)
        {
            throw new GlobalFixtureException(FixtureErrors.NotMarked(fixtureType));
        }

        return ServedFixtures.TryGet<T>(fixtureType, out var value)
            ? value
            : LocalFixtures.Get<TFixture, T>();
    }
}
