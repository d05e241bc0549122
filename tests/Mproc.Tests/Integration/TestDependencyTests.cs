using System.Xml;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// NUnit 5's test dependencies (tests/TestAssets/Dependencies.NUnit5) give what a serial NUnit run
/// gives: a dependent whose dependency did not pass is skipped ("Dependency on X did not pass."), a
/// fixture whose dependency did not pass is skipped with no test of its own in the report, and a
/// dependency that --where leaves out runs and is reported all the same.
/// </summary>
public sealed class TestDependencyTests
{
    /// <summary>Tests in NUnit's report of the whole asset: DependentFixture's two are not.</summary>
    private const int ReportedCount = 21;

    public static TheoryData<string, string?> Modes() => new()
    {
        { "1", null },
        { "3", null },
        { "--disable-mproc", null },
        { "3", "class == Dependencies.Fixtures.ReportFixture || test == Dependencies.Chain.InstallTests.Verify" },
        { "--disable-mproc", "class == Dependencies.Fixtures.ReportFixture || test == Dependencies.Chain.InstallTests.Verify" },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Results_AreSerialNUnits(string mode, string? where)
    {
        var reference = await ReferenceRun.RunAsync(TestAssets.DependenciesNUnit5, where);
        string[] modeArgs = mode == "--disable-mproc" ? [mode] : ["--cores", mode];
        string[] whereArgs = where is null ? [] : ["--where", where];

        var run = await MprocTool.RunAsync([.. modeArgs, .. whereArgs, TestAssets.DependenciesNUnit5]);

        Assert.True(File.Exists(run.ResultPath), run.ToString());
        var merged = run.Results;
        Assert.Equal(where is null ? ReportedCount : 7, reference.Results.Count);
        Assert.Equal(reference.Results.Keys.Order(StringComparer.Ordinal), merged.Results.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, expected) in reference.Results)
        {
            Assert.True(expected == merged.Results[name], $"{name}: serial NUnit gave {expected}, nunit-mproc gave {merged.Results[name]}");
        }

        Assert.Equal(reference.Totals, merged.Totals);
        Assert.Equal(Fixtures(reference.ResultXml), Fixtures(merged.ResultXml));
        Assert.True(reference.Totals.Failed == run.ExitCode, run.ToString());
        Assert.DoesNotContain("not run", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Each fixture's result, label and message, and how many test cases it holds.</summary>
    private static Dictionary<string, (string Result, string Label, string Message, int Tests)> Fixtures(XmlNode testRun) =>
        testRun.SelectNodes("//test-suite[@type='TestFixture']")!.Cast<XmlNode>().ToDictionary(
            s => s.Attributes!["fullname"]!.Value,
            s => (
                s.Attributes!["result"]!.Value,
                s.Attributes["label"]?.Value ?? string.Empty,
                (s.SelectSingleNode("reason/message") ?? s.SelectSingleNode("failure/message"))?.InnerText ?? string.Empty,
                s.SelectNodes(".//test-case")!.Count));
}
