using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Mproc.Tests.Reporting;

/// <summary>Validates documents against tests/Mproc.Tests/Reporting/nunit3-result.xsd.</summary>
internal static class ResultSchema
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(Load);

    /// <summary>Every schema error in <paramref name="xml"/>, with its line; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    public static XDocument Parse(string xml) => XDocument.Parse(xml, LoadOptions.PreserveWhitespace);

    private static XmlSchemaSet Load()
    {
        using var stream = typeof(ResultSchema).Assembly.GetManifestResourceStream("Mproc.Tests.Reporting.nunit3-result.xsd")
            ?? throw new InvalidOperationException("nunit3-result.xsd is not embedded");
        using var reader = XmlReader.Create(stream);
        var set = new XmlSchemaSet();
        set.Add(null, reader);
        set.Compile();
        return set;
    }
}
