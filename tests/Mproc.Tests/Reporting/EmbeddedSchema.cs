using System.Xml;
using System.Xml.Schema;

namespace Mproc.Tests.Reporting;

/// <summary>Validates documents against one of the schemas embedded from tests/Mproc.Tests/Reporting.</summary>
internal sealed class EmbeddedSchema
{
    public static readonly EmbeddedSchema JUnit = new("Mproc.Tests.Reporting.junit.xsd");

    public static readonly EmbeddedSchema Trx = new("Mproc.Tests.Reporting.trx.xsd");

    private readonly Lazy<XmlSchemaSet> _schemas;

    private EmbeddedSchema(string resource)
    {
        _schemas = new(() => Load(resource));
    }

    /// <summary>Every schema error in <paramref name="xml"/>, with its line; empty when valid.</summary>
    public IReadOnlyList<string> Validate(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = _schemas.Value };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    private static XmlSchemaSet Load(string resource)
    {
        using var stream = typeof(EmbeddedSchema).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded");
        using var reader = XmlReader.Create(stream);
        var set = new XmlSchemaSet();
        set.Add(null, reader);
        set.Compile();
        return set;
    }
}
