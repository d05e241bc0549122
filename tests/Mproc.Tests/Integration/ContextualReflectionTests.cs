using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// Framework code that resolves types and assemblies by name (TypeDescriptor converters, Type.GetType,
/// Activator and AppDomain.CreateInstance, Assembly.Load, XmlSerializer) finds the test assembly's
/// own types and test-folder dependencies: at discovery, in tests on every thread NUnit or the test
/// starts, in one-time setups and teardowns, and in a global fixture's SetUp and TearDown, which run
/// in the fixture host process.
/// </summary>
public sealed class ContextualReflectionTests
{
    private const int Total = 15;

    [Theory]
    [InlineData("--cores", "2")]
    [InlineData("--cores", "1")]
    [InlineData("--disable-mproc", null)]
    public async Task TestsResolvingNamesThroughTheFramework_AllPass_AsInASerialRun(string mode, string? cores)
    {
        var assembly = TestAssets.ContextualNUnit4;
        var reference = await ReferenceRun.RunAsync(assembly);
        string[] modeArgs = cores is null ? [mode] : [mode, cores];
        var run = await MprocTool.RunAsync([.. modeArgs, "--no-timings", assembly]);

        Assert.Equal(Total, reference.Results.Count);
        Assert.All(reference.Results, r => Assert.True(r.Value.Result == "Passed", $"serial NUnit: {r.Key}: {r.Value}"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(reference.Results.Keys.Order(StringComparer.Ordinal), run.Results.Results.Keys.Order(StringComparer.Ordinal));
        Assert.All(run.Results.Results, r => Assert.True(r.Value.Result == "Passed", $"{r.Key}: {r.Value}"));
        Assert.Equal(reference.Totals, run.Results.Totals);

        // The one-time teardown of the SetUpFixture and the global fixture's TearDown resolved their names too.
        Assert.DoesNotContain("TearDown", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
