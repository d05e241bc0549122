using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Mproc.Worker.Fixtures;

/// <summary>
/// The process-wide hook through which a test's copy of Mproc.GlobalFixtures asks for a fixture's
/// value. It crosses load contexts, so it is a delegate of BCL types in <see cref="AppContext"/>
/// under <see cref="ProviderKey"/>: <c>Func&lt;Type, (string? Json, string? Error)&gt;</c>. Each load
/// context gets its own route: a worker's test contexts ask the coordinator over the channel, the
/// fixture host's own contexts (a fixture that uses another fixture) ask its manager directly. A type
/// from a context without a route gets (null, null): Mproc.GlobalFixtures then sets it up in this
/// process, as outside nunit-mproc.
/// </summary>
public static class GlobalFixtureRoutes
{
    /// <summary>The AppContext key Mproc.GlobalFixtures reads; part of its contract, never renamed.</summary>
    public const string ProviderKey = "Mproc.GlobalFixtures.Provider";

    private static readonly ConditionalWeakTable<AssemblyLoadContext, Func<Type, (string? Json, string? Error)>> Routes = [];
    private static readonly Func<Type, (string? Json, string? Error)> Provider = Provide;

    /// <summary>Serves the fixtures whose types live in <paramref name="context"/> with <paramref name="route"/>.</summary>
    public static void Add(AssemblyLoadContext context, Func<Type, (string? Json, string? Error)> route)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(route);
        Routes.AddOrUpdate(context, route);
        AppContext.SetData(ProviderKey, Provider);
    }

    private static (string? Json, string? Error) Provide(Type fixtureType)
    {
        var context = AssemblyLoadContext.GetLoadContext(fixtureType.Assembly);
        return context is not null && Routes.TryGetValue(context, out var route) ? route(fixtureType) : (null, null);
    }
}
