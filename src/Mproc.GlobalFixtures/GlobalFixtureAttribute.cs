namespace Mproc.GlobalFixtures;

/// <summary>
/// Marks a class as a global fixture: set up once for the whole run, however many worker processes,
/// and torn down once after the last test. The class must implement <see cref="IGlobalFixture{T}"/>
/// (or <see cref="IAsyncGlobalFixture{T}"/>) and have a public parameterless constructor. Only marked
/// types are ever instantiated: nunit-mproc receives a fixture's type name from a worker, and the
/// attribute is what makes a class a fixture on purpose, not just any type with the right interface.
/// When several machines share a build, <see cref="Scope"/> says whether the fixture is set up once
/// for the build or once per machine.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GlobalFixtureAttribute : Attribute
{
    /// <summary>Once per build (the default) or once per machine, when several machines share a build; on one machine, once per run either way.</summary>
    public FixtureScope Scope { get; set; } = FixtureScope.Build;
}
