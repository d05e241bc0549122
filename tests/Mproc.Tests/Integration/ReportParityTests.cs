using System.Globalization;
using System.Xml.Linq;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// What a run reports beyond each test's outcome (summary counts, exit code, errors section) equals
/// what nunit3-console reports for a serial NUnit run of the same tests, on NUnit 3.14, 4.4 and 5.0.
/// </summary>
public sealed class ReportParityTests
{
    private const int Seed = 515151;

    public static TheoryData<int, string> Modes() => new()
    {
        { 3, "3" }, { 4, "2" }, { 5, "3" }, { 4, "--disable-mproc" },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task FailingOneTimeTearDown_CountsAndExitCode_AreNUnit3Consoles(int nunitMajor, string mode)
    {
        var (reference, run) = await RunBothAsync(nunitMajor, mode, ReportsAsset.TearDownWhere);
        var expected = NUnit3ConsoleVerdict.Of(reference.ResultXml);

        // NUnit keeps each test's own result under a failing OneTimeTearDown (6 passed, 1 failed, 2 passed) ...
        Assert.Equal(ReportsAsset.TearDownTests, reference.Results.Count);
        Assert.Equal(8, reference.Results.Values.Count(r => r.Result == "Passed"));
        AssertSameTestResults(reference, run);

        // ... and nunit3-console counts every run test under it as an error: 9 errors, exit code 9.
        Assert.Equal((9, 9), (expected.Errors, expected.ExitCode));
        Assert.True(run.ExitCode == expected.ExitCode, run.ToString());
        Assert.Contains(expected.CountLine, run.Stdout, StringComparison.Ordinal);
        Assert.Equal(expected, NUnit3ConsoleVerdict.Of(run.Results.ResultXml));

        // Both teardown failures are in the errors section, once each, with NUnit's message.
        Assert.Contains($") TearDown Error : {ReportsAsset.FailingTearDownFixture}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($") TearDown Error : {ReportsAsset.FailingTearDownSetUpFixture}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("boom from OneTimeTearDown", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("boom from SetUpFixture OneTimeTearDown", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task NotRunnableFixture_IsExitCodeMinus4_AsNUnit3Console(int nunitMajor, string mode)
    {
        var (reference, run) = await RunBothAsync(nunitMajor, mode, ReportsAsset.InvalidWhere);
        var expected = NUnit3ConsoleVerdict.Of(reference.ResultXml);

        AssertSameTestResults(reference, run);
        Assert.Equal((1, -4), (expected.InvalidTestFixtures, expected.ExitCode));
        Assert.True(run.ExitCode == (expected.ExitCode & 0xFF), run.ToString());
        Assert.Contains(expected.CountLine, run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task EmptyTestCaseSource_AddsNoSuite_TheTreeIsNUnits(int nunitMajor, string mode)
    {
        var (reference, run) = await RunBothAsync(nunitMajor, mode, ReportsAsset.EmptySourceWhere);

        AssertSameTestResults(reference, run);
        Assert.Equal(Suites(reference.ResultXml), Suites(run.Results.ResultXml));
        Assert.DoesNotContain("FromEmptySource", run.ResultXml, StringComparison.Ordinal);
    }

    /// <summary>NUnit 3.14 and 4.4 report a run that selects nothing as Passed, NUnit 5.0 as Inconclusive; nunit3-console returns 0 for both.</summary>
    [Theory]
    [InlineData(3, "2", "Passed")]
    [InlineData(4, "2", "Passed")]
    [InlineData(5, "2", "Inconclusive")]
    [InlineData(4, "--disable-mproc", "Passed")]
    [InlineData(5, "--disable-mproc", "Inconclusive")]
    public async Task WhereSelectingNothing_IsNUnitsOverallResultForItsVersion(int nunitMajor, string mode, string overall)
    {
        var (reference, run) = await RunBothAsync(nunitMajor, mode, "test == Reports.Nothing.Here");
        var expected = NUnit3ConsoleVerdict.Of(reference.ResultXml);

        Assert.Equal(overall, reference.ResultXml.Attributes!["result"]!.Value);
        Assert.Equal(overall, run.Results.ResultXml.Attributes!["result"]!.Value);
        Assert.Equal(
            reference.ResultXml.SelectSingleNode("test-suite[@type='Assembly']")!.Attributes!["result"]!.Value,
            run.Results.ResultXml.SelectSingleNode("test-suite[@type='Assembly']")!.Attributes!["result"]!.Value);
        Assert.Contains($"Overall result: {overall}", run.Stdout, StringComparison.Ordinal);
        Assert.True(run.ExitCode == expected.ExitCode, run.ToString());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Attachments_AreInEveryReport_AsNUnitWritesThem(int nunitMajor, string mode)
    {
        var (reference, run) = await RunBothAsync(nunitMajor, mode, ReportsAsset.AttachmentsWhere, "--junit", "junit.xml", "--trx", "run.trx");

        AssertSameTestResults(reference, run);
        var expected = Attachments(System.Xml.Linq.XElement.Parse(reference.ResultXml.OuterXml));
        Assert.Equal(3, expected.Count);
        Assert.Contains(expected, a => a.Test == ReportsAsset.AttachesTwoFiles && a.Description == ReportsAsset.LogDescription);
        Assert.Contains(expected, a => a.Test == ReportsAsset.AttachesTwoFiles && a.Description is null);
        Assert.Contains(expected, a => a.Test == ReportsAsset.FailsWithScreenshot);
        Assert.Empty(Reporting.ResultSchema.Validate(run.ResultXml));
        Assert.Equal(expected, Attachments(System.Xml.Linq.XElement.Parse(run.ResultXml)));

        var junitXml = File.ReadAllText(Path.Combine(run.WorkDirectory, "junit.xml"));
        Assert.Empty(Reporting.EmbeddedSchema.JUnit.Validate(junitXml));
        var junitLines = System.Xml.Linq.XDocument.Parse(junitXml).Descendants("testcase")
            .SelectMany(c => ((string?)c.Element("system-out") ?? string.Empty).Split('\n')
                .Where(l => l.StartsWith("[[ATTACHMENT|", StringComparison.Ordinal))
                .Select(l => $"{(string?)c.Attribute("classname")}.{(string?)c.Attribute("name")} {l}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected.Select(a => $"{a.Test} [[ATTACHMENT|{a.FilePath}]]").Order(StringComparer.Ordinal), junitLines);

        var trxXml = File.ReadAllText(Path.Combine(run.WorkDirectory, "run.trx")).TrimStart('\uFEFF');
        Assert.Empty(Reporting.EmbeddedSchema.Trx.Validate(trxXml));
        System.Xml.Linq.XNamespace t = Mproc.Coordinator.Reporting.TrxWriter.Namespace;
        var trxFiles = System.Xml.Linq.XDocument.Parse(trxXml).Descendants(t + "UnitTestResult")
            .SelectMany(r => r.Elements(t + "ResultFiles").Elements(t + "ResultFile").Select(f => $"{(string?)r.Attribute("testName")} {(string?)f.Attribute("path")}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected.Select(a => $"{a.Test.Split('.')[^1]} {a.FilePath}").Order(StringComparer.Ordinal), trxFiles);
    }

    /// <summary>
    /// Lone surrogates and DEL in test names, a failure message and output reach TestResult.xml as
    /// the NUnit version that ran the tests writes them (NUnit 3.14 escapes DEL in every string,
    /// 4.4 and 5.0 not in a plain ASCII one); JUnit and TRX stay well-formed with them.
    /// </summary>
    [Theory]
    [MemberData(nameof(Modes))]
    [InlineData(3, "--disable-mproc")]
    public async Task OddCharacters_InNamesMessagesAndOutput_AreWrittenAsNUnitWritesThem(int nunitMajor, string mode)
    {
        var (reference, run) = await RunBothAsync(nunitMajor, mode, ReportsAsset.TextWhere, "--junit", "junit.xml", "--trx", "run.trx");

        AssertSameTestResults(reference, run);
        var expected = TestCaseTexts(XElement.Parse(reference.ResultXml.OuterXml));
        Assert.Equal(expected, TestCaseTexts(XElement.Parse(run.ResultXml)));
        Assert.Contains(expected, t => t.Contains("FromSource(\"lone \\ud800 high\")", StringComparison.Ordinal));
        Assert.Contains(expected, t => t.Contains("FromSource(\"reversed \\udc00\\ud800 pair\")", StringComparison.Ordinal));
        Assert.Contains(expected, t => t.Contains("FromSource(\"at the end \\udfff\")", StringComparison.Ordinal));
        Assert.Contains(expected, t => t.Contains("message \\ud800 and \\u007f end", StringComparison.Ordinal));
        Assert.Contains(expected, t => t.Contains("output \\udfff and \\u007f end", StringComparison.Ordinal));
        Assert.Contains(expected, t => t.Contains(nunitMajor == 3 ? "del \\u007f char" : "del \u007f char", StringComparison.Ordinal));

        var junitXml = File.ReadAllText(Path.Combine(run.WorkDirectory, "junit.xml"));
        Assert.Empty(Reporting.EmbeddedSchema.JUnit.Validate(junitXml));
        Assert.Contains("FromSource(&quot;lone \\ud800 high&quot;)", junitXml, StringComparison.Ordinal);
        var trxXml = File.ReadAllText(Path.Combine(run.WorkDirectory, "run.trx")).TrimStart('\uFEFF');
        Assert.Empty(Reporting.EmbeddedSchema.Trx.Validate(trxXml));
        Assert.Contains("lone \\ud800 high", trxXml, StringComparison.Ordinal);
    }

    /// <summary>Per test case: its names, message and output, as the XML has them.</summary>
    private static List<string> TestCaseTexts(XElement testRun) =>
        [.. testRun.Descendants("test-case")
            .Select(c => string.Join(
                " | ",
                (string?)c.Attribute("name"),
                (string?)c.Attribute("fullname"),
                (string?)c.Attribute("methodname"),
                (string?)c.Attribute("classname"),
                (string?)c.Element("failure")?.Element("message"),
                (string?)c.Element("reason")?.Element("message"),
                (string?)c.Element("output")))
            .Order(StringComparer.Ordinal)];

    private static List<(string Test, string FilePath, string? Description)> Attachments(System.Xml.Linq.XElement testRun) =>
        [.. testRun.Descendants("test-case")
            .SelectMany(c => c.Elements("attachments").Elements("attachment")
                .Select(a => ((string)c.Attribute("fullname")!, (string)a.Element("filePath")!, (string?)a.Element("description"))))
            .OrderBy(a => a.Item1, StringComparer.Ordinal).ThenBy(a => a.Item2, StringComparer.Ordinal)];

    private static List<string> Suites(System.Xml.XmlNode testRun) =>
        [.. testRun.SelectNodes("//test-suite[@type!='Assembly']")!.Cast<System.Xml.XmlNode>()
            .Select(s => $"{s.Attributes!["type"]!.Value} {s.Attributes["fullname"]!.Value} {s.Attributes["result"]!.Value} {s.Attributes["total"]!.Value}")
            .Order(StringComparer.Ordinal)];

    private static async Task<(ReferenceRun Reference, MprocResult Run)> RunBothAsync(int nunitMajor, string mode, string where, params string[] extra)
    {
        var assembly = ReportsAsset.For(nunitMajor);
        var reference = await ReferenceRun.RunAsync(assembly, where, Seed);
        string[] modeArgs = mode == "--disable-mproc" ? [mode] : ["--cores", mode];
        var run = await MprocTool.RunAsync([.. modeArgs, "--no-timings", "--seed", Seed.ToString(CultureInfo.InvariantCulture), "--where", where, .. extra, assembly]);
        Assert.True(File.Exists(run.ResultPath), run.ToString());
        return (reference, run);
    }

    private static void AssertSameTestResults(ReferenceRun reference, MprocResult run)
    {
        var merged = run.Results;
        Assert.Equal(reference.Results.Keys.Order(StringComparer.Ordinal), merged.Results.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, expected) in reference.Results)
        {
            var actual = merged.Results[name];
            Assert.True(
                (expected.Result, expected.Label ?? string.Empty, expected.Site ?? "Test") == (actual.Result, actual.Label ?? string.Empty, actual.Site ?? "Test"),
                $"{name}: serial NUnit gave {expected}, nunit-mproc gave {actual}");
        }

        Assert.Equal(reference.Totals, merged.Totals);
    }
}
