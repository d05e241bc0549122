using Xunit;

namespace Mproc.Tests.Infrastructure;

public class ReferenceRunTests
{
    private const int ShopExampleTotal = 26;

    public static TheoryData<int> NUnitMajors => new(TestAssets.NUnitMajorVersions);

    [Theory]
    [MemberData(nameof(NUnitMajors))]
    public async Task Outcomes_OnEachNUnitVersion_HasTheExpectedTotals(int nunitMajor)
    {
        var run = await ReferenceRun.RunAsync(TestAssets.OutcomesFor(nunitMajor));

        Assert.Equal(OutcomesAsset.ExpectedTotals, run.Totals);
        Assert.Equal(OutcomesAsset.Total, run.Results.Count);
    }

    [Theory]
    [MemberData(nameof(NUnitMajors))]
    public async Task Outcomes_BrokenOneTimeSetUp_FailsItsTestsWithSiteParent(int nunitMajor)
    {
        var run = await ReferenceRun.RunAsync(TestAssets.OutcomesFor(nunitMajor));

        var children = run.Results.Where(pair => pair.Key.StartsWith(OutcomesAsset.BrokenFixture + ".", StringComparison.Ordinal)).ToList();
        Assert.Equal(OutcomesAsset.FailedBySiteParent, children.Count);
        Assert.All(children, pair => Assert.Equal(new ReferenceResult("Failed", "Error", "Parent", pair.Value.Message), pair.Value));
        Assert.Equal(OutcomesAsset.FailedBySiteParent, run.Results.Values.Count(r => r.Site == "Parent"));
    }

    [Theory]
    [MemberData(nameof(NUnitMajors))]
    public async Task Outcomes_ConsoleOut_IsInTheResultXml_ConsoleError_IsNot(int nunitMajor)
    {
        var run = await ReferenceRun.RunAsync(TestAssets.OutcomesFor(nunitMajor));

        // NUnit puts Console.Out in the test-case's output element; Console.Error only goes out as live
        // output events (stream "Error"), never into the result XML.
        Assert.Contains(OutcomesAsset.ConsoleOutLine, Output(run, OutcomesAsset.ConsoleOutTest));
        Assert.DoesNotContain(OutcomesAsset.ConsoleErrorLine, run.ResultXml.OuterXml);
    }

    [Fact]
    public async Task Outcomes_SameRandomSeed_GivesTheSameTestNames()
    {
        var first = await ReferenceRun.RunAsync(TestAssets.OutcomesFor(4), randomSeed: 7);
        var second = await ReferenceRun.RunAsync(TestAssets.OutcomesFor(4), randomSeed: 7);

        Assert.Equal(first.Results.Keys.Order(StringComparer.Ordinal), second.Results.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Outcomes_WhereExpression_SelectsOnlyMatchingTests()
    {
        var run = await ReferenceRun.RunAsync(TestAssets.OutcomesFor(4), where: "class == Outcomes.Basic.FailingTests");

        Assert.Equal(3, run.Totals.Total);
        Assert.Equal(3, run.Totals.Failed);
        Assert.All(run.Results.Keys, name => Assert.StartsWith("Outcomes.Basic.FailingTests.", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outcomes_WhereExpressionNamingExplicitTest_RunsIt()
    {
        var run = await ReferenceRun.RunAsync(TestAssets.OutcomesFor(4), where: $"test == {OutcomesAsset.ExplicitTest}");

        Assert.Equal(new ReferenceResult("Passed", null, null, null), Assert.Single(run.Results).Value);
    }

    [Fact]
    public async Task Dependency_LoadsItsOwnDependencies_AndPasses()
    {
        var run = await ReferenceRun.RunAsync(TestAssets.DependencyNUnit4);

        Assert.All(run.Results, pair => Assert.True(pair.Value.Result == "Passed", $"{pair.Key}: {pair.Value}"));
        Assert.Equal(4, run.Totals.Passed);
    }

    [Fact]
    public void TestAssets_NotAnAssembly_IsPlainText()
    {
        var directory = TestTemp.CreateDirectory("assets-").FullName;
        try
        {
            var path = TestAssets.CreateNotAnAssembly(directory);

            Assert.Equal(TestAssets.NotAnAssemblyFileName, Path.GetFileName(path));
            Assert.Throws<BadImageFormatException>(() => System.Reflection.AssemblyName.GetAssemblyName(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void TestAssets_EveryAssetIsBuiltWithItsOwnFramework()
    {
        foreach (var major in TestAssets.NUnitMajorVersions)
        {
            var folder = Path.GetDirectoryName(TestAssets.OutcomesFor(major))!;
            var version = System.Reflection.AssemblyName.GetAssemblyName(Path.Combine(folder, "nunit.framework.dll")).Version!;
            Assert.Equal(major, version.Major);
        }

        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(TestAssets.DependencyNUnit4)!, "Newtonsoft.Json.dll")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(TestAssets.NoTests)!, "nunit.framework.dll")));
        Assert.True(File.Exists(TestAssets.MismatchNUnit4));
        Assert.True(File.Exists(TestAssets.SleepyNUnit4));
        Assert.True(File.Exists(TestAssets.TrivialNUnit4));
    }

    [Fact]
    public async Task ShopExample_AllTestsPass()
    {
        var run = await ReferenceRun.RunAsync(TestAssets.ShopTests);

        Assert.Equal(ShopExampleTotal, run.Totals.Total);
        Assert.Equal(ShopExampleTotal, run.Totals.Passed);
    }

    private static string Output(ReferenceRun run, string fullName) =>
        run.ResultXml.SelectSingleNode($"//test-case[@fullname='{fullName}']/output")?.InnerText ?? string.Empty;
}
