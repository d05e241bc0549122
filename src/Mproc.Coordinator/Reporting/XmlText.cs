using System.Globalization;
using System.Text;
using System.Xml;

namespace Mproc.Coordinator.Reporting;

/// <summary>Text that is safe to put in an XML 1.0 document, and CDATA that cannot be broken.</summary>
internal static class XmlText
{
    private const string CDataEnd = "]]>";

    /// <summary>Replaces characters XML 1.0 cannot carry (e.g. ANSI escapes) with <c>\uXXXX</c>.</summary>
    public static string Clean(string text)
    {
        var firstBad = FirstInvalid(text);
        if (firstBad < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Writes <paramref name="text"/> as CDATA, split into several sections at each "]]&gt;" so
    /// that it never ends a section early (explicitly, rather than relying on the XmlWriter to).
    /// </summary>
    public static void WriteCData(XmlWriter writer, string text) => WriteCDataSections(writer, Clean(text));

    /// <summary>Writes text that is already clean as CDATA sections, split at each "]]&gt;".</summary>
    public static void WriteCDataSections(XmlWriter writer, string text)
    {
        var start = 0;
        int end;
        while ((end = text.IndexOf(CDataEnd, start, StringComparison.Ordinal)) >= 0)
        {
            writer.WriteCData(text[start..(end + 2)]);
            start = end + 2;
        }

        writer.WriteCData(text[start..]);
    }

    public static void WriteAttribute(XmlWriter writer, string name, string value) =>
        writer.WriteAttributeString(name, Clean(value));

    public static void WriteCDataElement(XmlWriter writer, string name, string text)
    {
        writer.WriteStartElement(name);
        WriteCData(writer, text);
        writer.WriteEndElement();
    }

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(c))
            {
                return i;
            }
        }

        return -1;
    }
}
