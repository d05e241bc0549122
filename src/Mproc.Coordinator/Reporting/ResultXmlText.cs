using System.Globalization;
using System.Text;
using System.Xml;

namespace Mproc.Coordinator.Reporting;

/// <summary>
/// Text in the NUnit 3 result as the part of NUnit that writes it escapes it. Below the test run,
/// the NUnit framework that ran the assembly writes the XML (TNode; XmlExtensions from NUnit 4 on):
/// it writes a character XML 1.0 cannot carry, and DEL and the C1 controls but NEL (0x7F-0x84,
/// 0x86-0x9F), as <c>\uxxxx</c>. NUnit 3 checks every string; NUnit 4 and 5 leave a string of only
/// 0x20-0x7F as it is, DEL included. The test-run element is the engine's: it only keeps the
/// document well-formed (<see cref="XmlText.Clean"/>).
/// </summary>
public readonly struct ResultXmlText
{
    private readonly Escaping _escaping;

    private ResultXmlText(Escaping escaping) => _escaping = escaping;

    private enum Escaping
    {
        WellFormed,
        NUnitEveryString,
        NUnitSkipsPlainAscii,
    }

    /// <summary>The engine's part: the test-run element.</summary>
    public static ResultXmlText Engine => new(Escaping.WellFormed);

    /// <summary>An assembly's part, by the version of the NUnit framework that ran it (a version that does not parse: NUnit 4's rule).</summary>
    public static ResultXmlText For(string frameworkVersion) =>
        new(Version.TryParse(frameworkVersion, out var version) && version.Major < 4 ? Escaping.NUnitEveryString : Escaping.NUnitSkipsPlainAscii);

    public string Escape(string text) => _escaping switch
    {
        Escaping.WellFormed => XmlText.Clean(text),
        Escaping.NUnitSkipsPlainAscii when !text.AsSpan().ContainsAnyExceptInRange('\u0020', '\u007f') => text,
        _ => EscapeAsNUnit(text),
    };

    public void WriteAttribute(XmlWriter writer, string name, string value) =>
        writer.WriteAttributeString(name, Escape(value));

    public void WriteCDataElement(XmlWriter writer, string name, string text)
    {
        writer.WriteStartElement(name);
        XmlText.WriteCDataSections(writer, Escape(text));
        writer.WriteEndElement();
    }

    private static string EscapeAsNUnit(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (NUnitKeeps(c))
            {
                builder?.Append(c);
            }
            else
            {
                builder ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return builder?.ToString() ?? text;
    }

    private static bool NUnitKeeps(char c) =>
        c is '\t' or '\n' or '\r' or (>= '\u0020' and < '\u007f') or '\u0085' or (>= '\u00a0' and < '\ud800') or (> '\udfff' and < '\ufffe');
}
