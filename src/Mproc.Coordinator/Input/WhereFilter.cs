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
}
