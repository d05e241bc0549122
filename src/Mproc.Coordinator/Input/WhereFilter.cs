using System.Xml.Linq;
using NUnit.Engine;

namespace Mproc.Coordinator.Input;

/// <summary>
/// Turns a --where expression into NUnit filter XML with the real NUnit engine's parser, so the
/// selection language is exactly NUnit's.
/// </summary>
public static class WhereFilter
{
    /// <summary>Filter XML for <paramref name="where"/> (empty string when null), or an error message.</summary>
    public static (string FilterXml, string? Error) ToXml(string? where)
    {
        // Without an expression the engine's assemblies are not even loaded.
        return string.IsNullOrWhiteSpace(where) ? (string.Empty, null) : ParseWithEngine(where);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (string FilterXml, string? Error) ParseWithEngine(string where)
    {
        // Off, not the engine's default level, which has it create an (empty) InternalTrace.<pid>.log
        // in the working directory.
        using var engine = new TestEngine { InternalTraceLevel = InternalTraceLevel.Off };
        engine.Initialize();
        var service = engine.Services.GetService<ITestFilterService>();
        var builder = service.GetTestFilterBuilder();
        builder.SelectWhere(where);
        try
        {
            return (builder.GetFilter().Text, null);
        }
        catch (TestSelectionParserException ex)
        {
            return (string.Empty, $"invalid --where expression: {ex.Message}");
        }
    }

    /// <summary>
    /// <paramref name="filterXml"/> (a --where filter, or empty for all) narrowed to the tests with
    /// these full names (NUnit's <c>&lt;test&gt;</c> filter, one per name).
    /// </summary>
    public static string OnlyTests(string filterXml, IReadOnlyCollection<string> fullNames)
    {
        ArgumentNullException.ThrowIfNull(fullNames);
        var names = new XElement("or", fullNames.Select(n => new XElement("test", n)));
        if (string.IsNullOrEmpty(filterXml))
        {
            return new XElement("filter", names).ToString(SaveOptions.DisableFormatting);
        }

        var where = XElement.Parse(filterXml);
        return new XElement("filter", new XElement("and", where.Elements(), names)).ToString(SaveOptions.DisableFormatting);
    }
}
