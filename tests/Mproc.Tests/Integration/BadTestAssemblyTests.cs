using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// Broken test assemblies and supervision options: a clear message, a documented exit code, and
/// results equal to what NUnit itself reports, never a coordinator crash.
/// </summary>
public sealed class BadTestAssemblyTests
{
    private const int InvalidArgument = -1;
    private const int InvalidAssembly = -2;

    [Fact]
    public async Task MissingDependency_FailsTheTestsThatNeedIt_NamingTheAssembly()
    {
        var folder = CopyOfAsset("Dependency.NUnit4");
        File.Delete(Path.Combine(folder, "Newtonsoft.Json.dll"));

        var run = await MprocTool.RunAsync("--cores", "2", Path.Combine(folder, "Dependency.NUnit4.dll"));

        Assert.True(run.ExitCode == 2, run.ToString());
        var results = run.Results.Results;
        Assert.Equal(4, results.Count);
        var failed = results.Where(r => r.Value.Result == "Failed").ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, r => Assert.StartsWith("System.IO.FileNotFoundException : Could not load file or assembly 'Newtonsoft.Json", r.Value.Message, StringComparison.Ordinal));
        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingNUnitFramework_IsAnInvalidAssembly()
    {
        var folder = CopyOfAsset("Dependency.NUnit4");
        File.Delete(Path.Combine(folder, "nunit.framework.dll"));

        var run = await MprocTool.RunAsync("--cores", "2", Path.Combine(folder, "Dependency.NUnit4.dll"));

        Assert.True(run.ExitCode == (InvalidAssembly & 0xFF), run.ToString());
        Assert.StartsWith("nunit-mproc: error: nunit.framework.dll is missing beside", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixtureWhoseConstructorThrows_IsReportedAsSerialNUnitReportsIt()
    {
        var reference = await ReferenceRun.RunAsync(CrashyAsset.Path);
        var run = await MprocTool.RunAsync("--cores", "2", CrashyAsset.Path);

        Assert.True(run.ExitCode == CrashyAsset.Failed, run.ToString());
        var merged = run.Results.Results;
        Assert.Equal(reference.Results.Keys.Order(StringComparer.Ordinal), merged.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, expected) in reference.Results)
        {
            var actual = merged[name];
            Assert.True(
                (expected.Result, expected.Label ?? string.Empty, expected.Site ?? "Test", expected.Message) == (actual.Result, actual.Label ?? string.Empty, actual.Site ?? "Test", actual.Message),
                $"{name}: serial NUnit gave {expected}, nunit-mproc gave {actual}");
        }

        var thrown = merged.Where(r => r.Key.StartsWith(CrashyAsset.ThrowingConstructorFixture + ".", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, thrown.Count);
        Assert.All(thrown, r => Assert.Contains("Crashy: the fixture constructor throws", r.Value.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--test-timeout", "0")]
    [InlineData("--test-timeout", "-1")]
    [InlineData("--test-timeout", "soon")]
    [InlineData("--max-worker-restarts", "-1")]
    [InlineData("--max-worker-restarts", "many")]
    public async Task BadSupervisionOption_IsInvalidArgument(string option, string value)
    {
        var run = await MprocTool.RunAsync(option, value, CrashyAsset.Path);

        Assert.True(run.ExitCode == (InvalidArgument & 0xFF), run.ToString());
        Assert.StartsWith($"nunit-mproc: error: invalid {option} value '{value}'", run.Stderr, StringComparison.Ordinal);
    }

    private static string CopyOfAsset(string name)
    {
        var copy = TestTemp.CreateDirectory("broken-").FullName;
        foreach (var file in Directory.GetFiles(TestAssets.AssetDirectory(name)))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }
}
