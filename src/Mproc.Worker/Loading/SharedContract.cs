namespace Mproc.Worker.Loading;

/// <summary>Assemblies whose types the worker and the bridge (inside a test load context) share.</summary>
internal static class SharedContract
{
    public const string BridgeAssemblyName = "Mproc.NUnitBridge";
    public const string BridgeSessionType = "Mproc.NUnitBridge.NUnitTestSession";

    private const string ProtocolAssemblyName = "Mproc.Protocol";

    public static bool IsShared(string assemblyName) =>
        string.Equals(assemblyName, ProtocolAssemblyName, StringComparison.Ordinal);
}
