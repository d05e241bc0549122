using System.Reflection;
using Mproc.Protocol.Bridging;
using Mproc.Worker.Fixtures;

namespace Mproc.Worker.Loading;

/// <summary>A test assembly loaded into its own load context, with an NUnit session open on it (tests not yet selected).</summary>
internal sealed record LoadedAssembly(string FullPath, int RandomSeed, TestLoadContext Context, ITestSession Session)
{
    /// <summary>Serves this assembly's global fixtures through <paramref name="fixtureRoute"/> (see <see cref="GlobalFixtureRoutes"/>).</summary>
    public void RouteGlobalFixtures(Func<Type, (string? Json, string? Error)> fixtureRoute) => GlobalFixtureRoutes.Add(Context, fixtureRoute);
}

/// <summary>Loads a test assembly into its own load context and opens an NUnit session on it.</summary>
internal static class SessionFactory
{
    private static readonly string BridgePath =
        Path.Combine(AppContext.BaseDirectory, SharedContract.BridgeAssemblyName + ".dll");

    /// <param name="workDirectory">NUnit's work directory (TestContext.WorkDirectory); null for the assembly's folder.</param>
    public static LoadedAssembly Load(string assemblyPath, int randomSeed, IReadOnlyList<Protocol.Messages.TestParameter> testParameters, string? workDirectory = null)
    {
        var fullPath = Path.GetFullPath(assemblyPath);
        var context = new TestLoadContext(fullPath, BridgePath);
        var testAssembly = context.LoadFromAssemblyPath(fullPath);
        var bridge = context.LoadFromAssemblyName(new AssemblyName(SharedContract.BridgeAssemblyName));
        var sessionType = bridge.GetType(SharedContract.BridgeSessionType, throwOnError: true)!;
        try
        {
            var session = (ITestSession)Activator.CreateInstance(sessionType, testAssembly, randomSeed, workDirectory ?? Path.GetDirectoryName(fullPath) ?? ".", testParameters)!;
            return new LoadedAssembly(fullPath, randomSeed, context, session);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
