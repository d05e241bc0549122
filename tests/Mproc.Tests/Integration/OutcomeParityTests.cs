using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// nunit-mproc's merged result equals a serial NUnit run of the same assembly, test by test, on
/// every supported NUnit major version, across worker processes and in-process.
/// </summary>
public sealed class OutcomeParityTests
{
    private const int Seed = 424242;

    public static TheoryData<int, string> Versions() => new()
    {
        { 3, "3" }, { 4, "3" }, { 5, "3" }, { 4, "1" }, { 5, "--disable-mproc" }, { 3, "--disable-mproc" },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task EveryTest_HasExactlyOneResult_EqualToSerialNUnit(int nunitMajor, string mode)
    {
        var assembly = TestAssets.OutcomesFor(nunitMajor);
        var reference = await ReferenceRun.RunAsync(assembly, randomSeed: Seed);
        string[] modeArgs = mode == "--disable-mproc" ? ["--disable-mproc"] : ["--cores", mode];
        var run = await MprocTool.RunAsync([.. modeArgs, "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), assembly]);

        Assert.True(File.Exists(run.ResultPath), run.ToString());
        var merged = run.Results;
        Assert.Equal(OutcomesAsset.Total, merged.Results.Count);
        Assert.Equal(reference.Results.Keys.Order(StringComparer.Ordinal), merged.Results.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, expected) in reference.Results)
        {
            var actual = merged.Results[name];
            Assert.True(
                (expected.Result, expected.Label ?? string.Empty, expected.Site ?? "Test") == (actual.Result, actual.Label ?? string.Empty, actual.Site ?? "Test"),
                $"{name}: serial NUnit gave {expected}, nunit-mproc gave {actual}");
        }

        Assert.Equal(reference.Totals, merged.Totals);
        Assert.Equal(OutcomesAsset.Failed, run.ExitCode);
        Assert.Contains($"Test Count: {OutcomesAsset.Total}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhereExpression_SelectsWhatNUnitSelects()
    {
        const string where = "class == Outcomes.Basic.FailingTests || test =~ /TestCaseTests/";
        var assembly = TestAssets.OutcomesFor(4);
        var reference = await ReferenceRun.RunAsync(assembly, where, Seed);
        var run = await MprocTool.RunAsync("--cores", "2", "--where", where, assembly);

        Assert.True(reference.Results.Count is > 0 and < OutcomesAsset.Total);
        Assert.Equal(reference.Results.Keys.Order(StringComparer.Ordinal), run.Results.Results.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(reference.Totals, run.Results.Totals);

        // The NUnit engine that parsed the expression left no (empty) internal trace log behind.
        Assert.Empty(Directory.GetFiles(run.WorkDirectory, "InternalTrace*"));
    }

    [Fact]
    public async Task SeveralAssemblies_ShareOnePoolAndOneReport()
    {
        var run = await MprocTool.RunAsync("--cores", "2", TestAssets.OutcomesFor(3), TestAssets.OutcomesFor(5), TestAssets.DependencyNUnit4);

        Assert.True(File.Exists(run.ResultPath), run.ToString());
        var document = System.Xml.Linq.XDocument.Load(run.ResultPath);
        var assemblies = document.Descendants("test-suite").Where(s => (string?)s.Attribute("type") == "Assembly").ToList();
        Assert.Equal(3, assemblies.Count);
        Assert.Equal((2 * OutcomesAsset.Total) + 4, document.Descendants("test-case").Count());
        Assert.Equal((2 * OutcomesAsset.Total) + 4, (int)document.Root!.Attribute("total")!);
        Assert.Equal(2 * OutcomesAsset.Failed, run.ExitCode);
    }

    [Fact]
    public async Task TestAssemblyDependency_IsTheTestFoldersOwnVersion()
    {
        foreach (var mode in new[] { "--cores=2", "--disable-mproc" })
        {
            var run = await MprocTool.RunAsync(mode, TestAssets.DependencyNUnit4);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.All(run.Results.Results.Values, r => Assert.Equal("Passed", r.Result));
        }
    }
}
