using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Results;
using Xunit;
using static Mproc.Tests.Reporting.TreeBuilder;

namespace Mproc.Tests.Reporting;

public sealed class NUnit3XmlWriterTests
{
    private static readonly NUnit3XmlWriterOptions Options = new()
    {
        EngineVersion = "1.2.3",
        ClrVersion = "10.0.0",
        Environment = new ResultEnvironment("10.0.0", "Linux", "Unix", "/work", "box", "me", "box", "en-US", "en-US", "X64"),
    };

    private static readonly string[] CountAttributes =
        ["testcasecount", "total", "passed", "failed", "warnings", "inconclusive", "skipped", "asserts"];

    private readonly TreeBuilder _tree = new();

    [Fact]
    public void Write_SampleRun_ValidatesAgainstSchema()
    {
        var xml = Write(SampleRun());

        Assert.Empty(ResultSchema.Validate(xml));
    }

    [Fact]
    public void Schema_BrokenDocument_IsRejected()
    {
        var xml = Write(SampleRun());
        var doc = ResultSchema.Parse(xml);
        doc.Descendants("test-case").First().SetAttributeValue("result", "Success");
        doc.Descendants("test-suite").First().SetAttributeValue("total", null);
        var fixture = doc.Descendants("test-suite").First(s => (string?)s.Attribute("type") == "TestFixture");
        fixture.Elements("properties").Remove();
        fixture.Add(new XElement("properties", new XElement("property", new XAttribute("name", "A"), new XAttribute("value", "1"))));

        var errors = ResultSchema.Validate(doc.ToString());

        Assert.Contains(errors, e => e.Contains("Success", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("total", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("properties", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_SampleRun_TestRunCarriesCountsAndRunAttributes()
    {
        var run = Parse(SampleRun()).Root!;

        Assert.Equal("test-run", run.Name.LocalName);
        Assert.Equal("run-1", (string?)run.Attribute("id"));
        Assert.Equal("Alpha.dll, Beta.dll", (string?)run.Attribute("name"));
        Assert.Equal("Failed", (string?)run.Attribute("result"));
        Assert.Null(run.Attribute("label"));
        Assert.Equal(
            ["7", "7", "3", "2", "1", "0", "1", "7"],
            CountAttributes.Select(a => (string?)run.Attribute(a)));
        Assert.Equal("1.2.3", (string?)run.Attribute("engine-version"));
        Assert.Equal("2026-01-31 12:00:00Z", (string?)run.Attribute("start-time"));
        Assert.Equal("2026-01-31 12:00:08Z", (string?)run.Attribute("end-time"));
        Assert.Equal("8.000000", (string?)run.Attribute("duration"));
        Assert.Equal("nunit-mproc --cores 2 Tests.dll", run.Element("command-line")!.Value);
        Assert.Equal(["Assembly", "Assembly"], run.Elements("test-suite").Select(s => (string?)s.Attribute("type")));
    }

    [Fact]
    public void Write_SampleRun_AssemblyHasEnvironmentAndSettings()
    {
        var assembly = Parse(SampleRun()).Root!.Element("test-suite")!;

        Assert.Equal(["environment", "settings", "failure", "test-suite"], assembly.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("3.14.0.0", (string?)assembly.Element("environment")!.Attribute("framework-version"));
        var settings = assembly.Element("settings")!.Elements("setting")
            .ToDictionary(s => (string)s.Attribute("name")!, s => (string)s.Attribute("value")!);
        Assert.Equal("12345", settings["RandomSeed"]);
        Assert.Equal("2", settings["NumberOfTestWorkers"]);
        Assert.Equal("/t/Alpha.dll", (string?)assembly.Attribute("fullname"));
    }

    [Fact]
    public void Write_ParameterizedTests_NestAsInTheTreeWithTestCaseAttributes()
    {
        var doc = Parse(SampleRun());

        var method = doc.Descendants("test-suite").Single(s => (string?)s.Attribute("type") == "ParameterizedMethod");
        Assert.Equal("Ns.Calc.Add", (string?)method.Attribute("fullname"));
        Assert.Equal(("Passed", "2", "2", "5"), ((string?)method.Attribute("result"), (string?)method.Attribute("total"),
            (string?)method.Attribute("passed"), (string?)method.Attribute("asserts")));
        var cases = method.Elements("test-case").ToList();
        Assert.Equal(["Add(1,2)", "Add(2,3)"], cases.Select(c => (string?)c.Attribute("name")));
        var first = cases[0];
        Assert.Equal("Ns.Calc.Add(1,2)", (string?)first.Attribute("fullname"));
        Assert.Equal("Add", (string?)first.Attribute("methodname"));
        Assert.Equal("Ns.Calc", (string?)first.Attribute("classname"));
        Assert.Equal("Runnable", (string?)first.Attribute("runstate"));
        Assert.Equal("1234", (string?)first.Attribute("seed"));
        Assert.Equal("2026-01-31 12:00:01Z", (string?)first.Attribute("start-time"));
        Assert.Equal("0.500000", (string?)first.Attribute("duration"));
        Assert.Null(first.Attribute("site"));
        Assert.Equal(["Category", "Fast"], first.Element("properties")!.Elements("property")
            .SelectMany(p => new[] { (string)p.Attribute("name")!, (string)p.Attribute("value")! }));
    }

    [Fact]
    public void Write_FixtureSetUpFailure_SuiteHasSiteLabelAndFailureDetails()
    {
        var doc = Parse(SampleRun());

        var fixture = doc.Descendants("test-suite").Single(s => (string?)s.Attribute("name") == "Broken");
        Assert.Equal(("Failed", "Error", "SetUp"), ((string?)fixture.Attribute("result"), (string?)fixture.Attribute("label"), (string?)fixture.Attribute("site")));
        Assert.Equal("System.Exception : db down", fixture.Element("failure")!.Element("message")!.Value);
        Assert.Equal("at Broken.Setup()", fixture.Element("failure")!.Element("stack-trace")!.Value);
        var child = fixture.Element("test-case")!;
        Assert.Equal("Parent", (string?)child.Attribute("site"));
        var ns = (XElement)fixture.Parent!;
        Assert.Equal(("Failed", "Child"), ((string?)ns.Attribute("result"), (string?)ns.Attribute("site")));
        Assert.Equal("One or more child tests had errors", ns.Element("failure")!.Element("message")!.Value);
    }

    [Fact]
    public void Write_IgnoredTest_HasReasonNotFailure()
    {
        var doc = Parse(SampleRun());

        var ignored = doc.Descendants("test-case").Single(c => (string?)c.Attribute("name") == "Later");
        Assert.Equal(("Skipped", "Ignored"), ((string?)ignored.Attribute("result"), (string?)ignored.Attribute("label")));
        Assert.Equal("not yet", ignored.Element("reason")!.Element("message")!.Value);
        Assert.Null(ignored.Element("failure"));
    }

    [Fact]
    public void Write_SpecialCharactersAndCDataEndInText_RoundTripSafely()
    {
        const string Output = "a ]]> b ]]]]> <tag> & \"quoted\" 'single' é 😀\nline2";
        var root = _tree.Assembly("/t/Tests.dll");
        var fixture = _tree.Suite(root, "TestFixture", "Fixture<T> & \"Co\"");
        _tree.Test(fixture, "Case(\"<&>\")", Outcome("Failed", message: "Expected ]]> but was \u001b[31mred\u001b[0m", stackTrace: "at X() ]]>", output: Output));

        var xml = Write(Report(root));

        Assert.Empty(ResultSchema.Validate(xml));
        var testCase = ResultSchema.Parse(xml).Descendants("test-case").Single();
        Assert.Equal("Case(\"<&>\")", (string?)testCase.Attribute("name"));
        Assert.Equal("Fixture<T> & \"Co\".Case(\"<&>\")", (string?)testCase.Attribute("fullname"));
        Assert.Equal(Output, testCase.Element("output")!.Value);
        Assert.Equal("Expected ]]> but was \\u001b[31mred\\u001b[0m", testCase.Element("failure")!.Element("message")!.Value);
        Assert.Equal("at X() ]]>", testCase.Element("failure")!.Element("stack-trace")!.Value);
    }

    [Fact]
    public void Write_WhereExpressionWithoutFilterXml_IsKeptInFilter()
    {
        var report = SampleRun() with { WhereExpression = "cat == Fast && class =~ /Db/" };

        var filter = Parse(report).Root!.Element("filter")!;

        Assert.Equal("cat == Fast && class =~ /Db/", filter.Element("where")!.Value);
    }

    [Fact]
    public void Write_Attachments_LastInTheTestCase_AsNUnitWritesThem()
    {
        var tree = new TreeBuilder();
        var fixture = tree.Suite(tree.Suite(tree.Assembly("/t/Alpha.dll"), "TestSuite", "Ns"), "TestFixture", "Ui");
        tree.Test(fixture, "Shot", TreeBuilder.Outcome("Failed", message: "no page", output: "loading\n") with
        {
            Attachments = [new Mproc.Protocol.Messages.TestAttachment("/tmp/shot.png", "screen"), new Mproc.Protocol.Messages.TestAttachment("/tmp/log.txt", null)],
        });
        tree.Test(fixture, "Plain", TreeBuilder.Passed());
        var run = ResultAggregator.Aggregate(TreeBuilder.Report(fixture.Parent!.Parent!));
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        new NUnit3XmlWriter(Options).Write(run, text);

        Assert.Empty(ResultSchema.Validate(text.ToString()));
        var cases = ResultSchema.Parse(text.ToString()).Descendants("test-case").ToList();
        var shot = cases.Single(c => (string?)c.Attribute("name") == "Shot");
        Assert.Equal("attachments", shot.Elements().Last().Name.LocalName);
        var attachments = shot.Element("attachments")!.Elements("attachment")
            .Select(a => string.Join('|', a.Elements().Select(e => e.Name.LocalName + "=" + e.Value + (e.FirstNode is XCData ? " (cdata)" : string.Empty))));
        Assert.Equal(["filePath=/tmp/shot.png|description=screen (cdata)", "filePath=/tmp/log.txt"], attachments);
        Assert.Null(cases.Single(c => (string?)c.Attribute("name") == "Plain").Element("attachments"));
    }

    [Fact]
    public void Write_FilterXml_IsCopiedAsIs()
    {
        var writer = new NUnit3XmlWriter(Options with { FilterXml = "<filter><cat>Fast</cat></filter>" });
        using var text = new StringWriter(CultureInfo.InvariantCulture);

        writer.Write(ResultAggregator.Aggregate(SampleRun()), text);

        var filter = ResultSchema.Parse(text.ToString()).Root!.Element("filter")!;
        Assert.Equal("Fast", filter.Elements("cat").Single().Value);
        Assert.Single(filter.Elements());
        Assert.Empty(ResultSchema.Validate(text.ToString()));
    }

    [Fact]
    public void Write_UnderAnotherCulture_UsesInvariantNumbersAndTimes()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var xml = Write(SampleRun());

            Assert.Empty(ResultSchema.Validate(xml));
            Assert.Contains("duration=\"8.000000\"", xml, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Write_TenThousandTests_IsFastAndValid()
    {
        var root = _tree.Assembly("/t/Big.dll");
        for (var f = 0; f < 100; f++)
        {
            var fixture = _tree.Suite(_tree.Suite(root, "TestSuite", "Ns" + f), "TestFixture", "Fixture");
            for (var t = 0; t < 100; t++)
            {
                _tree.Test(fixture, "Test" + t, t % 10 == 0 ? Failed() : Passed(startSeconds: t * 0.001));
            }
        }

        var run = ResultAggregator.Aggregate(Report(root));
        var writer = new NUnit3XmlWriter(Options);
        using var stream = new MemoryStream();
        writer.Write(run, stream);
        stream.SetLength(0);

        var watch = Stopwatch.StartNew();
        var timed = ResultAggregator.Aggregate(Report(root));
        writer.Write(timed, stream);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        var xml = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Empty(ResultSchema.Validate(xml));
        Assert.Equal(10_000, ResultSchema.Parse(xml).Descendants("test-case").Count());
    }

    [Fact]
    public void WriteFile_WritesUtf8WithoutByteOrderMark()
    {
        var path = Path.Combine(Path.GetTempPath(), "mproc-" + Guid.NewGuid().ToString("N") + ".xml");
        try
        {
            new NUnit3XmlWriter(Options).WriteFile(ResultAggregator.Aggregate(SampleRun()), path);

            var bytes = File.ReadAllBytes(path);
            Assert.Equal((byte)'<', bytes[0]);
            Assert.Empty(ResultSchema.Validate(File.ReadAllText(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Alpha.dll: Ns.Calc (Add(1,2), Add(2,3) parameterized; Sub failed; Later ignored),
    /// Ns.Broken (OneTimeSetUp error, one child). Beta.dll: Other.Fixture (Pass, Fail).
    /// </summary>
    private RunReport SampleRun()
    {
        var alpha = _tree.Assembly("/t/Alpha.dll");
        var ns = _tree.Suite(alpha, "TestSuite", "Ns");
        var calc = _tree.Suite(ns, "TestFixture", "Calc", null, "Description", "Calculator");
        var add = _tree.Suite(calc, "ParameterizedMethod", "Add");
        _tree.Test(add, "Add(1,2)", Passed(startSeconds: 1, asserts: 2), "Category", "Fast");
        _tree.Test(add, "Add(2,3)", Passed(startSeconds: 2, asserts: 3));
        _tree.Test(calc, "Sub", Failed(startSeconds: 3));
        _tree.Test(calc, "Later", Outcome("Skipped", "Ignored", message: "not yet", asserts: 0));
        var broken = _tree.Suite(ns, "TestFixture", "Broken",
            Outcome("Failed", "Error", "SetUp", "System.Exception : db down", "at Broken.Setup()", asserts: 0));
        _tree.Test(broken, "Never", Outcome("Failed", "Error", "Parent", "OneTimeSetUp: System.Exception : db down", asserts: 0));
        var beta = _tree.Assembly("/t/Beta.dll");
        var other = _tree.Suite(_tree.Suite(beta, "TestSuite", "Other"), "TestFixture", "Fixture");
        _tree.Test(other, "Pass", Passed(startSeconds: 4, asserts: 1));
        _tree.Test(other, "Fail", Outcome("Warning", message: "careful", asserts: 0));
        return Report(alpha, beta);
    }

    private static string Write(RunReport report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        new NUnit3XmlWriter(Options).Write(ResultAggregator.Aggregate(report), text);
        return text.ToString();
    }

    private static XDocument Parse(RunReport report) => ResultSchema.Parse(Write(report));
}
