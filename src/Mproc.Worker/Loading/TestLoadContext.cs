using System.Reflection;
using System.Runtime.Loader;

namespace Mproc.Worker.Loading;

/// <summary>
/// Load context of one test assembly. The test folder wins: an assembly the test folder carries is
/// loaded from there even when the runner has its own copy, at any version. Only the shared wire
/// contract (so the bridge and the worker agree on its types) and assemblies of the shared .NET
/// framework that are at least as new as the test folder's copy come from the default context, as
/// they would for the test assembly run on its own.
/// </summary>
internal sealed class TestLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver? _resolver;
    private readonly string _testDirectory;
    private readonly string _bridgePath;

    public TestLoadContext(string testAssemblyPath, string bridgePath)
        : base($"mproc:{Path.GetFileName(testAssemblyPath)}", isCollectible: false)
    {
        _testDirectory = Path.GetDirectoryName(testAssemblyPath) ?? ".";
        _bridgePath = bridgePath;
        try
        {
            _resolver = new AssemblyDependencyResolver(testAssemblyPath);
        }
        catch (InvalidOperationException)
        {
            _resolver = null;
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (name is null || SharedContract.IsShared(name))
        {
            return null;
        }

        if (name == SharedContract.BridgeAssemblyName)
        {
            return LoadFromAssemblyPath(_bridgePath);
        }

        var path = _resolver?.ResolveAssemblyToPath(assemblyName);
        if (path is null)
        {
            var local = Path.Combine(_testDirectory, name + ".dll");
            path = File.Exists(local) ? local : null;
        }

        if (path is null || FrameworkCopyIsAtLeastAsNew(name, path))
        {
            return null;
        }

        return LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver?.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static bool FrameworkCopyIsAtLeastAsNew(string name, string candidatePath)
    {
        if (FrameworkAssemblies.PathOf(name) is not { } frameworkPath)
        {
            return false;
        }

        try
        {
            var frameworkVersion = AssemblyName.GetAssemblyName(frameworkPath).Version;
            var candidateVersion = AssemblyName.GetAssemblyName(candidatePath).Version;
            return frameworkVersion is not null && (candidateVersion is null || frameworkVersion >= candidateVersion);
        }
        catch (BadImageFormatException)
        {
            return true;
        }
    }
}
