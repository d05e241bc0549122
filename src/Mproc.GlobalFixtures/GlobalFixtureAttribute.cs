namespace Mproc.GlobalFixtures;

/// <summary>
/// Marks a class as a global fixture: set up once for the whole run, however many worker processes,
/// and torn down once after the last test. The class must implement <see cref="IGlobalFixture{T}"/>
/// and have a public parameterless constructor. Only marked types are ever instantiated.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GlobalFixtureAttribute : Attribute
{
}
