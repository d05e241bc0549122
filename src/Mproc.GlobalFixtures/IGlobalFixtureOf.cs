namespace Mproc.GlobalFixtures;

/// <summary>
/// A global fixture whose value is <typeparamref name="T"/>: what <see cref="IGlobalFixture{T}"/> and
/// <see cref="IAsyncGlobalFixture{T}"/> have in common, so that <see cref="GlobalFixture.Get{TFixture, T}"/>
/// takes either. Implement one of those two, not this one alone.
/// </summary>
/// <typeparam name="T">The value the tests get.</typeparam>
#pragma warning disable CA1040 // An empty interface on purpose: the common constraint of the sync and the async contract.
public interface IGlobalFixtureOf<T>
#pragma warning restore CA1040
{
}
