using System.Globalization;
using System.Text;
using System.Xml;
using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Reporting;

/// <summary>
/// Writes the merged run as one NUnit 3 result file (<c>&lt;test-run&gt;</c>, as nunit3-console
/// writes it), streaming with an <see cref="XmlWriter"/>. Times use NUnit's "u" format in UTC,
/// durations are seconds with six decimals in the invariant culture.
/// </summary>
public sealed partial class NUnit3XmlWriter
{
    private readonly NUnit3XmlWriterOptions _options;

    public NUnit3XmlWriter(NUnit3XmlWriterOptions? options = null)
    {
        _options = options ?? new NUnit3XmlWriterOptions();
    }

    /// <summary>Writes the result file to <paramref name="path"/>, replacing any existing file.</summary>
    public void WriteFile(AggregatedRun run, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(run, stream);
    }

    /// <summary>Writes the result file as UTF-8 (no byte order mark) to <paramref name="output"/>.</summary>
    public void Write(AggregatedRun run, Stream output)
    {
        using var xml = XmlWriter.Create(output, CreateSettings(new UTF8Encoding(false)));
        Write(run, xml);
    }

    /// <summary>Writes the result file to <paramref name="output"/>.</summary>
    public void Write(AggregatedRun run, TextWriter output)
    {
        using var xml = XmlWriter.Create(output, CreateSettings(output.Encoding));
        Write(run, xml);
    }

    private void Write(AggregatedRun run, XmlWriter xml)
    {
        ArgumentNullException.ThrowIfNull(run);
        var report = run.Report;
        xml.WriteStartDocument(false);
        xml.WriteStartElement("test-run");
        XmlText.WriteAttribute(xml, "id", report.RunId);
        XmlText.WriteAttribute(xml, "name", RunName(report, Path.GetFileName));
        XmlText.WriteAttribute(xml, "fullname", RunName(report, p => p));
        xml.WriteAttributeString("runstate", "Runnable");
        xml.WriteAttributeString("testcasecount", Format(run.Run.TestCaseCount));
        WriteResultAttributes(xml, ResultXmlText.Engine, run.Run, includeSite: false);
        WriteCountAttributes(xml, run.Run.Counts);
        XmlText.WriteAttribute(xml, "engine-version", _options.EngineVersion);
        XmlText.WriteAttribute(xml, "clr-version", _options.ClrVersion);
        WriteTimeAttributes(xml, report.StartUtc, report.EndUtc, report.DurationSeconds);

        XmlText.WriteCDataElement(xml, "command-line", report.CommandLine);
        WriteFilter(xml, report.WhereExpression);
        for (var i = 0; i < report.Assemblies.Count; i++)
        {
            WriteAssembly(xml, run, report.Assemblies[i]);
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private void WriteFilter(XmlWriter xml, string whereExpression)
    {
        if (_options.FilterXml is { Length: > 0 } filterXml)
        {
            using var reader = XmlReader.Create(new StringReader(filterXml));
            reader.MoveToContent();
            if (reader.Name != "filter")
            {
                throw new InvalidOperationException("NUnit3XmlWriterOptions.FilterXml must be a <filter> element.");
            }

            xml.WriteNode(reader, defattr: true);
            return;
        }

        xml.WriteStartElement("filter");
        if (!string.IsNullOrWhiteSpace(whereExpression))
        {
            xml.WriteStartElement("where");
            xml.WriteString(XmlText.Clean(whereExpression));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static string RunName(RunReport report, Func<string, string> name) =>
        string.Join(", ", report.Assemblies.Select(a => name(a.Path)));

    private static XmlWriterSettings CreateSettings(Encoding encoding) => new()
    {
        Encoding = encoding,
        Indent = true,
        IndentChars = "  ",
        CloseOutput = false,
    };

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string FormatTime(DateTime utc) => utc.ToString("u", CultureInfo.InvariantCulture);

    private static string FormatDuration(double seconds) =>
        Math.Max(0, seconds).ToString("0.000000", CultureInfo.InvariantCulture);
}
