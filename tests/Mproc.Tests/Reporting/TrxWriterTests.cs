using System.Text;
using System.Xml.Linq;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Results;
using Xunit;

namespace Mproc.Tests.Reporting;

public sealed class TrxWriterTests
{
    private static readonly XNamespace T = TrxWriter.Namespace;

    private static readonly string[] CounterNames = ["total", "executed", "passed", "failed", "inconclusive", "notExecuted"];

    [Fact]
    public void Write_Attachments_AreResultFilesOfTheResult()
    {
        var tree = new TreeBuilder();
        var fixture = tree.Suite(tree.Suite(tree.Assembly("/t/Alpha.dll"), "TestSuite", "Ns"), "TestFixture", "Ui");
        tree.Test(fixture, "Shot", TreeBuilder.Outcome("Failed", message: "no page", output: "loading\n") with
        {
            Attachments = [new Mproc.Protocol.Messages.TestAttachment("/tmp/shot.png", "screen"), new Mproc.Protocol.Messages.TestAttachment("/tmp/log.txt", null)],
        });
        tree.Test(fixture, "Plain", TreeBuilder.Passed());
        var run = ResultAggregator.Aggregate(TreeBuilder.Report(fixture.Parent!.Parent!));
        var xml = Write(run);

        Assert.Empty(EmbeddedSchema.Trx.Validate(xml));
        var results = XDocument.Parse(xml).Descendants(T + "UnitTestResult").ToList();
        var files = results.Single(r => (string?)r.Attribute("testName") == "Shot").Element(T + "ResultFiles")!.Elements(T + "ResultFile").Select(f => (string?)f.Attribute("path"));
        Assert.Equal(["/tmp/shot.png", "/tmp/log.txt"], files);
        Assert.Null(results.Single(r => (string?)r.Attribute("testName") == "Plain").Element(T + "ResultFiles"));
    }

    [Fact]
    public void Write_SampleRun_ValidatesAgainstSchema()
    {
        var xml = Write(FlatReportSample.Build());

        Assert.Empty(EmbeddedSchema.Trx.Validate(xml));
    }

    [Fact]
    public void Write_TwoCasesWithOneFullName_KeepsTestIdsUnique()
    {
        // [Random] can draw the same argument twice: NUnit then has two cases with one full name.
        var tree = new TreeBuilder();
        var fixture = tree.Suite(tree.Suite(tree.Assembly("/t/Alpha.dll"), "TestSuite", "Ns"), "TestFixture", "Dice");
        tree.Test(fixture, "Rolls(4)", TreeBuilder.Passed());
        tree.Test(fixture, "Rolls(4)", TreeBuilder.Passed());
        var xml = Write(ResultAggregator.Aggregate(TreeBuilder.Report(fixture.Parent!.Parent!)));

        Assert.Empty(EmbeddedSchema.Trx.Validate(xml));
        var ids = XDocument.Parse(xml).Descendants(T + "UnitTest").Select(u => (string)u.Attribute("id")!).ToList();
        Assert.Equal(2, ids.Distinct().Count());
    }

    [Fact]
    public void Schema_BrokenDocument_IsRejected()
    {
        var doc = XDocument.Parse(Write(FlatReportSample.Build()));
        var result = doc.Descendants(T + "UnitTestResult").First();
        result.SetAttributeValue("testId", "00000000-0000-0000-0000-000000000001");
        result.SetAttributeValue("duration", "0.5");
        doc.Descendants(T + "UnitTestResult").Last().SetAttributeValue("outcome", "Skipped");
        doc.Descendants(T + "Counters").Single().SetAttributeValue("notExecuted", null);

        var errors = EmbeddedSchema.Trx.Validate(doc.ToString());

        Assert.Contains(errors, e => e.Contains("resultDefinition", StringComparison.Ordinal) || e.Contains("00000000-0000-0000-0000-000000000001", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("duration", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Skipped", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("notExecuted", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_SampleRun_ResultsLinkToDefinitionsAndEntries()
    {
        var root = XDocument.Parse(Write(FlatReportSample.Build())).Root!;

        Assert.Equal(
            ["Times", "TestSettings", "Results", "TestDefinitions", "TestEntries", "TestLists", "ResultSummary"],
            root.Elements().Select(e => e.Name.LocalName));
        var results = root.Descendants(T + "UnitTestResult").ToList();
        var definitions = root.Descendants(T + "UnitTest").ToDictionary(u => (string)u.Attribute("id")!);
        Assert.Equal(10, results.Count);
        foreach (var result in results)
        {
            var definition = definitions[(string)result.Attribute("testId")!];
            Assert.Equal((string?)result.Attribute("executionId"), (string?)definition.Element(T + "Execution")!.Attribute("id"));
            Assert.Equal((string?)result.Attribute("testName"), (string?)definition.Attribute("name"));
        }

        var sub = definitions.Values.Single(d => (string?)d.Attribute("name") == "Sub").Element(T + "TestMethod")!;
        Assert.Equal("Ns.Calc", (string?)sub.Attribute("className"));
        Assert.Equal("/t/Alpha.dll", (string?)sub.Attribute("codeBase"));
        Assert.Equal(TrxWriter.AdapterTypeName, (string?)sub.Attribute("adapterTypeName"));
        var add = definitions.Values.Single(d => (string?)d.Attribute("name") == "Add(1,2)");
        Assert.Equal(["Fast", "Math"], add.Descendants(T + "TestCategoryItem").Select(c => (string?)c.Attribute("TestCategory")));
        Assert.Equal("Add", (string?)add.Element(T + "TestMethod")!.Attribute("name"));
    }

    [Fact]
    public void Write_SampleRun_MapsOutcomesDurationsAndCounters()
    {
        var root = XDocument.Parse(Write(FlatReportSample.Build())).Root!;
        var results = root.Descendants(T + "UnitTestResult").ToDictionary(r => (string)r.Attribute("testName")!);

        Assert.Equal("Passed", (string?)results["Add(1,2)"].Attribute("outcome"));
        Assert.Equal("00:00:00.5000000", (string?)results["Add(1,2)"].Attribute("duration"));
        Assert.Equal("2026-01-31T12:00:01.0000000+00:00", (string?)results["Add(1,2)"].Attribute("startTime"));
        Assert.Equal("Failed", (string?)results["Sub"].Attribute("outcome"));
        Assert.Equal("Expected: 1\n  But was:  2", results["Sub"].Descendants(T + "Message").Single().Value);
        Assert.Equal("at Ns.Fixture.Test() in Fixture.cs:line 12", results["Sub"].Descendants(T + "StackTrace").Single().Value);
        Assert.Equal("NotExecuted", (string?)results["Later"].Attribute("outcome"));
        Assert.Equal("Inconclusive", (string?)results["Maybe"].Attribute("outcome"));
        Assert.Equal("NotExecuted", (string?)results["Careful"].Attribute("outcome"));
        Assert.Equal("some output\n", results["Careful"].Descendants(T + "StdOut").Single().Value);
        Assert.Equal("Failed", (string?)results["Never"].Attribute("outcome"));
        var summary = root.Element(T + "ResultSummary")!;
        Assert.Equal("Failed", (string?)summary.Attribute("outcome"));
        var counters = summary.Element(T + "Counters")!;
        Assert.Equal(
            ["10", "7", "3", "3", "1", "3"],
            CounterNames.Select(a => (string)counters.Attribute(a)!));
    }

    [Fact]
    public void Write_TwoRuns_SameTestIdsAndDifferentExecutionIds()
    {
        var first = XDocument.Parse(Write(FlatReportSample.Build("0123456789abcdef0123456789abcdef"))).Root!;
        var second = XDocument.Parse(Write(FlatReportSample.Build("fedcba9876543210fedcba9876543210"))).Root!;

        Assert.Equal(Ids(first, "testId"), Ids(second, "testId"));
        Assert.Empty(Ids(first, "executionId").Intersect(Ids(second, "executionId")));
        Assert.Equal(10, Ids(first, "testId").Distinct().Count());
        Assert.Equal("01234567-89ab-cdef-0123-456789abcdef", (string?)first.Attribute("id"));
    }

    [Theory]
    [InlineData(0, "00:00:00.0000000")]
    [InlineData(1.2345678, "00:00:01.2345678")]
    [InlineData(3723.5, "01:02:03.5000000")]
    [InlineData(90000, "25:00:00.0000000")]
    [InlineData(-1, "00:00:00.0000000")]
    public void Duration_IsHoursMinutesSecondsAndSevenDecimals(double seconds, string expected) =>
        Assert.Equal(expected, TrxWriter.Duration(seconds));

    [Fact]
    public void NameBasedGuid_MatchesTheRfcVersion5Example()
    {
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), NameBasedGuid.Create(dns, "www.example.com"));
    }

    private static List<string> Ids(XElement root, string attribute) =>
        root.Descendants(T + "UnitTestResult").Select(r => (string)r.Attribute(attribute)!).ToList();

    private static string Write(AggregatedRun run)
    {
        using var stream = new MemoryStream();
        new TrxWriter("box", "me").Write(run, stream);
        return Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF');
    }
}
