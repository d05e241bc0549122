namespace Mproc.GlobalFixtures;

/// <summary>
/// Marks a class as a global fixture: set up once for the whole run, however many worker processes,
/// and torn down once after the last test. The class must implement <see cref="IGlobalFixture{T}"/>
/// (or <see cref="IAsyncGlobalFixture{T}"/>) and have a public parameterless constructor. Only marked
/// types are ever instantiated: nunit-mproc receives a fixture's type name from a worker, and the
/// attribute is what makes a class a fixture on purpose, not just any type with the right interface.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GlobalFixtureAttribute : Attribute
{
}
