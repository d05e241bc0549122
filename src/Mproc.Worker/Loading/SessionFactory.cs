using System.Reflection;
using Mproc.Protocol.Bridging;
using Mproc.Worker.Fixtures;

namespace Mproc.Worker.Loading;

/// <summary>Loads a test assembly into its own load context and opens an NUnit session on it.</summary>
internal static class SessionFactory
{
    private static readonly string BridgePath =
        Path.Combine(AppContext.BaseDirectory, SharedContract.BridgeAssemblyName + ".dll");

    /// <param name="fixtureRoute">Serves the global fixtures of this assembly's load context (see <see cref="GlobalFixtureRoutes"/>).</param>
    public static ITestSession Open(string assemblyPath, SessionSettings settings, int nodeOffset, Func<Type, (string? Json, string? Error)> fixtureRoute)
    {
        var fullPath = Path.GetFullPath(assemblyPath);
        var context = new TestLoadContext(fullPath, BridgePath);
        GlobalFixtureRoutes.Add(context, fixtureRoute);
        var testAssembly = context.LoadFromAssemblyPath(fullPath);
        var bridge = context.LoadFromAssemblyName(new AssemblyName(SharedContract.BridgeAssemblyName));
        var sessionType = bridge.GetType(SharedContract.BridgeSessionType, throwOnError: true)!;
        try
        {
            return (ITestSession)Activator.CreateInstance(sessionType, testAssembly, settings, nodeOffset)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
