using Mproc.Tests.Infrastructure;
using System.Text;
using Mproc.Worker.Loading;
using Xunit;

namespace Mproc.Tests.Worker.Loading;

public sealed class FrameworkAssembliesTests : IDisposable
{
    private const string SelfContainedDeps = """
        {
          "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0/linux-x64", "signature": "" },
          "targets": {
            ".NETCoreApp,Version=v10.0": {},
            ".NETCoreApp,Version=v10.0/linux-x64": {
              "Mproc.Worker/1.0.0": { "dependencies": { "Mproc.Protocol": "1.0.0" }, "runtime": { "Mproc.Worker.dll": {} } },
              "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/10.0.12": {
                "runtime": { "System.Runtime.dll": { "assemblyVersion": "10.0.0.0" }, "lib/net10.0/System.Text.Json.dll": {} },
                "native": { "libcoreclr.so": {} }
              },
              "Microsoft.Extensions.Primitives/10.0.0": { "runtime": { "lib/net10.0/Microsoft.Extensions.Primitives.dll": {} } }
            }
          },
          "libraries": {
            "Mproc.Worker/1.0.0": { "type": "project", "serviceable": false, "sha512": "" },
            "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/10.0.12": { "type": "runtimepack", "serviceable": false, "sha512": "" },
            "Microsoft.Extensions.Primitives/10.0.0": { "type": "package", "serviceable": true, "sha512": "sha512-x" }
          }
        }
        """;

    private readonly string _folder = TestTemp.CreateDirectory("fw-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void RuntimePackFiles_AreTheRuntimePacksOnly_ByFileName()
    {
        var files = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        FrameworkAssemblies.AddRuntimePackFiles(Encoding.UTF8.GetBytes(SelfContainedDeps), files);

        Assert.Equal(["System.Runtime.dll", "System.Text.Json.dll"], files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UnreadableDepsFiles_AddNothing()
    {
        var malformed = Path.Combine(_folder, "bad.deps.json");
        File.WriteAllText(malformed, "{ \"targets\": ");
        var good = Path.Combine(_folder, "good.deps.json");
        File.WriteAllText(good, SelfContainedDeps);

        var files = FrameworkAssemblies.ReadRuntimePackFiles([Path.Combine(_folder, "missing.deps.json"), malformed, good]);

        Assert.Equal(["System.Runtime.dll", "System.Text.Json.dll"], files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OnTheSharedFramework_TheFrameworksFolderIsTheFramework()
    {
        Assert.False(FrameworkAssemblies.InApplicationFolder);
        Assert.Equal(
            Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.dll"),
            FrameworkAssemblies.PathOf("System.Runtime"));
        Assert.Null(FrameworkAssemblies.PathOf("Microsoft.Extensions.Primitives"));
        Assert.Null(FrameworkAssemblies.PathOf("Newtonsoft.Json"));
    }
}
