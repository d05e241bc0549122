using System.Text;
using System.Xml.Linq;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Results;
using Xunit;

namespace Mproc.Tests.Reporting;

public sealed class JUnitXmlWriterTests
{
    private static readonly string[] CountAttributes = ["tests", "failures", "errors", "skipped"];

    [Fact]
    public void Write_SampleRun_ValidatesAgainstSchema()
    {
        var xml = Write(FlatReportSample.Build());

        Assert.Empty(EmbeddedSchema.JUnit.Validate(xml));
    }

    [Fact]
    public void Write_Attachments_AreAttachmentLinesAfterTheOutput()
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

        Assert.Empty(EmbeddedSchema.JUnit.Validate(xml));
        var cases = XDocument.Parse(xml).Descendants("testcase").ToList();
        Assert.Equal("loading\n[[ATTACHMENT|/tmp/shot.png]]\n[[ATTACHMENT|/tmp/log.txt]]\n", cases.Single(c => (string?)c.Attribute("name") == "Shot").Element("system-out")!.Value);
        Assert.Null(cases.Single(c => (string?)c.Attribute("name") == "Plain").Element("system-out"));
    }

    [Fact]
    public void Schema_BrokenDocument_IsRejected()
    {
        var doc = XDocument.Parse(Write(FlatReportSample.Build()));
        doc.Descendants("testcase").First().SetAttributeValue("time", "-1");
        doc.Descendants("testsuite").First().SetAttributeValue("tests", null);
        doc.Descendants("testcase").First().Add(new XElement("failure"));
        doc.Descendants("testsuite").First().SetAttributeValue("timestamp", "31/01/2026");

        var errors = EmbeddedSchema.JUnit.Validate(doc.ToString());

        Assert.Contains(errors, e => e.Contains("time", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("tests", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("type", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("timestamp", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_SampleRun_HasOneSuitePerFixtureWithItsTestsAndCounts()
    {
        var root = XDocument.Parse(Write(FlatReportSample.Build())).Root!;

        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(["Ns.Calc", "Ns.Broken", "Other.Fixture"], root.Elements("testsuite").Select(s => (string?)s.Attribute("name")));
        var calc = root.Elements("testsuite").First();
        Assert.Equal(["Add(1,2)", "Add(2,3)", "Sub", "Later", "Maybe", "Careful"], calc.Elements("testcase").Select(t => (string?)t.Attribute("name")));
        Assert.All(calc.Elements("testcase"), t => Assert.Equal("Ns.Calc", (string?)t.Attribute("classname")));
        Assert.Equal(["6", "1", "0", "2"], Counts(calc));
        Assert.Equal(["2", "0", "1", "1"], Counts(root.Elements("testsuite").ElementAt(1)));
        Assert.Equal(["10", "2", "1", "3"], Counts(root));
        Assert.Equal("8.000", (string?)root.Attribute("time"));
        Assert.Equal("2026-01-31T12:00:00", (string?)root.Attribute("timestamp"));
        Assert.Equal("Alpha.dll", (string?)calc.Attribute("package"));
    }

    [Fact]
    public void Write_SampleRun_MapsEachOutcomeToItsElement()
    {
        var cases = XDocument.Parse(Write(FlatReportSample.Build())).Descendants("testcase")
            .ToDictionary(t => (string)t.Attribute("name")!);

        Assert.Empty(cases["Add(1,2)"].Elements());
        Assert.Equal("0.500", (string?)cases["Add(1,2)"].Attribute("time"));
        var failure = cases["Sub"].Element("failure")!;
        Assert.Equal("Expected: 1", (string?)failure.Attribute("message"));
        Assert.Contains("at Ns.Fixture.Test() in Fixture.cs:line 12", failure.Value, StringComparison.Ordinal);
        Assert.Equal("not yet", (string?)cases["Later"].Element("skipped")!.Attribute("message"));
        Assert.Equal("Inconclusive: no data", (string?)cases["Maybe"].Element("skipped")!.Attribute("message"));
        Assert.Null(cases["Careful"].Element("skipped"));
        Assert.Equal("some output\n", cases["Careful"].Element("system-out")!.Value);
        Assert.Equal("Warning: careful", cases["Careful"].Element("system-err")!.Value);
        Assert.Equal("Error", (string?)cases["Never"].Element("error")!.Attribute("type"));
        Assert.NotNull(cases["NotRun"].Element("skipped"));
    }

    [Fact]
    public void Write_TextThatXmlCannotCarry_IsEscapedAndStillValid()
    {
        var xml = Write(FlatReportSample.Build());
        var odd = XDocument.Parse(xml).Descendants("testcase").Single(t => ((string)t.Attribute("name")!).StartsWith("Odd", StringComparison.Ordinal));

        Assert.Equal("Odd]]>\\u001b[31m", (string?)odd.Attribute("name"));
        Assert.Contains("bad ]]> text \\u0007", odd.Element("failure")!.Value, StringComparison.Ordinal);
        Assert.Empty(EmbeddedSchema.JUnit.Validate(xml));
    }

    private static string[] Counts(XElement element) =>
        CountAttributes.Select(a => (string)element.Attribute(a)!).ToArray();

    private static string Write(AggregatedRun run)
    {
        using var stream = new MemoryStream();
        new JUnitXmlWriter("box").Write(run, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
