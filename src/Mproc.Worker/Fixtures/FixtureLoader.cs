using System.Reflection;
using Mproc.Worker.Loading;

namespace Mproc.Worker.Fixtures;

/// <summary>
/// Finds fixture types in the fixture host (or, with --disable-mproc, the coordinator): one load context per test assembly, the same kind a
/// worker uses (the test folder wins), and each one routed to the manager so a fixture's SetUp
/// can ask for another fixture.
/// </summary>
internal sealed class FixtureLoader
{
    private static readonly string BridgePath =
        Path.Combine(AppContext.BaseDirectory, SharedContract.BridgeAssemblyName + ".dll");

    private readonly Dictionary<string, TestLoadContext> _contexts = new(StringComparer.Ordinal);
    private readonly Func<Type, (string? Json, string? Error)> _route;

    /// <param name="route">Serves a fixture asked for from inside one of these contexts (by another fixture's SetUp).</param>
    public FixtureLoader(Func<Type, (string? Json, string? Error)> route)
    {
        _route = route;
    }

    /// <summary>Resolves <paramref name="assemblyQualifiedName"/> in the context of the test assembly at <paramref name="assemblyPath"/>.</summary>
    /// <exception cref="InvalidOperationException">The type or its assembly cannot be loaded.</exception>
    public Type Resolve(string assemblyQualifiedName, string assemblyPath)
    {
        var context = ContextFor(assemblyPath);
        try
        {
            return Type.GetType(assemblyQualifiedName, context.LoadFromAssemblyName, typeResolver: null, throwOnError: true)!;
        }
        catch (Exception ex) when (ex is TypeLoadException or IOException or BadImageFormatException or ArgumentException)
        {
            throw new InvalidOperationException($"global fixture {assemblyQualifiedName}: cannot load it from {assemblyPath}: {ex.Message}", ex);
        }
    }

    private TestLoadContext ContextFor(string assemblyPath)
    {
        var fullPath = Path.GetFullPath(assemblyPath);
        lock (_contexts)
        {
            if (!_contexts.TryGetValue(fullPath, out var context))
            {
                context = new TestLoadContext(fullPath, BridgePath);
                GlobalFixtureRoutes.Add(context, _route);
                _contexts.Add(fullPath, context);
            }

            return context;
        }
    }
}
