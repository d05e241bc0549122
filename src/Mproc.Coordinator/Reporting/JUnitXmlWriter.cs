using System.Globalization;
using System.Text;
using System.Xml;
using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Reporting;

/// <summary>
/// Writes the merged run as JUnit XML in the shape Jenkins, GitLab and Surefire read:
/// <c>testsuites</c> &gt; one <c>testsuite</c> per fixture &gt; <c>testcase</c>. An assertion
/// failure is a <c>failure</c>, any other failed result (exception, invalid, cancelled) an
/// <c>error</c>, a skipped or inconclusive result <c>skipped</c>; a warning passes with its
/// message in <c>system-err</c>. Times are seconds (invariant culture), timestamps UTC
/// <c>yyyy-MM-ddTHH:mm:ss</c>.
/// </summary>
public sealed class JUnitXmlWriter
{
    private readonly string _hostName;

    public JUnitXmlWriter(string? hostName = null)
    {
        _hostName = hostName ?? Environment.MachineName;
    }

    /// <summary>Writes the file to <paramref name="path"/>, replacing any existing file.</summary>
    public void WriteFile(AggregatedRun run, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(run, stream);
    }

    /// <summary>Writes the document as UTF-8 (no byte order mark) to <paramref name="output"/>.</summary>
    public void Write(AggregatedRun run, Stream output)
    {
        ArgumentNullException.ThrowIfNull(run);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", CloseOutput = false };
        using var xml = XmlWriter.Create(output, settings);
        var fixtures = ReportedFixture.Collect(run.Report);
        var total = default(Counts);
        var perFixture = fixtures.Select(f => Count(run, f.Tests)).ToList();
        foreach (var counts in perFixture)
        {
            total += counts;
        }

        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "nunit-mproc");
        WriteCounts(xml, total);
        xml.WriteAttributeString("time", Seconds(run.Report.DurationSeconds));
        xml.WriteAttributeString("timestamp", Timestamp(run.Report.StartUtc));
        for (var i = 0; i < fixtures.Count; i++)
        {
            WriteSuite(xml, run, fixtures[i], perFixture[i], i);
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private void WriteSuite(XmlWriter xml, AggregatedRun run, ReportedFixture fixture, Counts counts, int index)
    {
        var suite = run.ResultOf(fixture.Suite);
        xml.WriteStartElement("testsuite");
        XmlText.WriteAttribute(xml, "name", fixture.Suite.Node.FullName);
        WriteCounts(xml, counts);
        xml.WriteAttributeString("time", Seconds(suite.DurationSeconds));
        xml.WriteAttributeString("timestamp", Timestamp(suite.StartUtc ?? run.Report.StartUtc));
        XmlText.WriteAttribute(xml, "hostname", _hostName);
        xml.WriteAttributeString("id", index.ToString(CultureInfo.InvariantCulture));
        XmlText.WriteAttribute(xml, "package", Path.GetFileName(fixture.Assembly.Path));
        xml.WriteStartElement("properties");
        WriteProperty(xml, "assembly", fixture.Assembly.Path);
        WriteProperty(xml, "random-seed", run.Report.RandomSeed.ToString(CultureInfo.InvariantCulture));
        xml.WriteEndElement();
        foreach (var test in fixture.Tests)
        {
            WriteCase(xml, test, run.ResultOf(test));
        }

        if (!string.IsNullOrEmpty(suite.Output))
        {
            XmlText.WriteCDataElement(xml, "system-out", suite.Output);
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// The test's output followed by one <c>[[ATTACHMENT|path]]</c> line per attached file: the
    /// convention Jenkins' JUnit attachments plugin and GitLab read from system-out.
    /// </summary>
    private static string? WithAttachmentLines(string? output, IReadOnlyList<Protocol.Messages.TestAttachment> attachments)
    {
        if (attachments.Count == 0)
        {
            return output;
        }

        var text = new System.Text.StringBuilder(output);
        if (text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }

        foreach (var attachment in attachments)
        {
            text.Append("[[ATTACHMENT|").Append(attachment.FilePath).Append("]]\n");
        }

        return text.ToString();
    }

    private static void WriteCase(XmlWriter xml, ResultNode test, NodeResult result)
    {
        xml.WriteStartElement("testcase");
        XmlText.WriteAttribute(xml, "name", test.Node.Name);
        XmlText.WriteAttribute(xml, "classname", test.Node.ClassName ?? ReportedFixture.FixtureOf(test).Node.FullName);
        xml.WriteAttributeString("time", Seconds(result.DurationSeconds));
        xml.WriteAttributeString("assertions", result.Counts.Asserts.ToString(CultureInfo.InvariantCulture));
        switch (KindOf(result))
        {
            case CaseKind.Failure:
                WriteProblem(xml, "failure", result);
                break;
            case CaseKind.Error:
                WriteProblem(xml, "error", result);
                break;
            case CaseKind.Skipped:
                xml.WriteStartElement("skipped");
                XmlText.WriteAttribute(xml, "message", Message(result));
                xml.WriteEndElement();
                break;
            default:
                break;
        }

        var output = WithAttachmentLines(result.Output, test.Outcome?.AttachmentList ?? []);
        if (!string.IsNullOrEmpty(output))
        {
            XmlText.WriteCDataElement(xml, "system-out", output);
        }

        if (result.Status == TestStatuses.Warning && !string.IsNullOrEmpty(result.Message))
        {
            XmlText.WriteCDataElement(xml, "system-err", "Warning: " + result.Message);
        }

        xml.WriteEndElement();
    }

    private static void WriteProblem(XmlWriter xml, string element, NodeResult result)
    {
        xml.WriteStartElement(element);
        XmlText.WriteAttribute(xml, "message", FirstLine(result.Message));
        XmlText.WriteAttribute(xml, "type", string.IsNullOrEmpty(result.Label) ? result.Status : result.Label);
        var body = string.Join('\n', new[] { result.Message, result.StackTrace }.Where(s => !string.IsNullOrEmpty(s)));
        if (body.Length > 0)
        {
            XmlText.WriteCData(xml, body);
        }

        xml.WriteEndElement();
    }

    private static void WriteProperty(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        XmlText.WriteAttribute(xml, "value", value);
        xml.WriteEndElement();
    }

    private static void WriteCounts(XmlWriter xml, Counts counts)
    {
        xml.WriteAttributeString("tests", counts.Tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", counts.Failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", counts.Errors.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", counts.Skipped.ToString(CultureInfo.InvariantCulture));
    }

    private static Counts Count(AggregatedRun run, IReadOnlyList<ResultNode> tests)
    {
        var counts = default(Counts);
        foreach (var test in tests)
        {
            counts += KindOf(run.ResultOf(test)) switch
            {
                CaseKind.Failure => new Counts(1, 1, 0, 0),
                CaseKind.Error => new Counts(1, 0, 1, 0),
                CaseKind.Skipped => new Counts(1, 0, 0, 1),
                _ => new Counts(1, 0, 0, 0),
            };
        }

        return counts;
    }

    private static CaseKind KindOf(NodeResult result) => result.Status switch
    {
        TestStatuses.Failed when result.Label == ResultLabels.None => CaseKind.Failure,
        TestStatuses.Failed => CaseKind.Error,
        TestStatuses.Skipped or TestStatuses.Inconclusive => CaseKind.Skipped,
        _ => CaseKind.Passed,
    };

    private static string Message(NodeResult result)
    {
        var message = FirstLine(result.Message);
        if (result.Status == TestStatuses.Inconclusive)
        {
            return message.Length == 0 ? "Inconclusive" : "Inconclusive: " + message;
        }

        return message.Length == 0 && result.Label.Length > 0 ? result.Label : message;
    }

    private static string FirstLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).Trim();
    }

    private static string Seconds(double seconds) =>
        Math.Max(0, seconds).ToString("0.000###", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private enum CaseKind
    {
        Passed,
        Failure,
        Error,
        Skipped,
    }

    private readonly record struct Counts(int Tests, int Failures, int Errors, int Skipped)
    {
        public static Counts operator +(Counts left, Counts right) =>
            new(left.Tests + right.Tests, left.Failures + right.Failures, left.Errors + right.Errors, left.Skipped + right.Skipped);
    }
}
