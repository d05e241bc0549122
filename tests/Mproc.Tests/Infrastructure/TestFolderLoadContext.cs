using System.Reflection;
using System.Runtime.Loader;

namespace Mproc.Tests.Infrastructure;

/// <summary>
/// A collectible load context in which the test assembly's own folder wins: every assembly its
/// deps.json (or folder) provides is loaded from there, whatever this process already has loaded.
/// </summary>
internal sealed class TestFolderLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;

    public TestFolderLoadContext(string assemblyPath)
        : base($"reference-run:{Path.GetFileName(assemblyPath)}", isCollectible: true) =>
        _resolver = new AssemblyDependencyResolver(assemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
