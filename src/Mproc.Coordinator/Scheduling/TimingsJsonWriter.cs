using System.Text;

namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// Writes the timings file's JSON (<see cref="TimingsFile"/>) by hand, laid out as an indenting
/// JSON writer would (two spaces a level). The file is one string and one number per test, written
/// once at the end of every run: the general JSON writer's escaping and number formatting cost
/// more to get ready (several milliseconds in a fresh process) than this whole file takes to write.
/// Strings escape the quote, the backslash, control characters and lone surrogates; everything
/// else is written as it is, in UTF-8. Numbers are durations rounded to microseconds.
/// </summary>
internal static class TimingsJsonWriter
{
    private const string Indent = "  ";

    /// <summary>One assembly's tests and their durations, position for position (arrays: no generic code to compile).</summary>
    public sealed record AssemblyEntry(string Assembly, string[] Tests, double[] Seconds);

    public static void Write(TextWriter output, int version, IReadOnlyList<AssemblyEntry> assemblies)
    {
        output.Write("{\n" + Indent + "\"version\": ");
        output.Write(version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        output.Write(",\n" + Indent + "\"assemblies\": ");
        if (assemblies.Count == 0)
        {
            output.Write("{}\n}");
            return;
        }

        output.Write('{');
        for (var a = 0; a < assemblies.Count; a++)
        {
            var entry = assemblies[a];
            var tests = entry.Tests;
            output.Write(a == 0 ? "\n" + Indent + Indent : ",\n" + Indent + Indent);
            WriteString(output, entry.Assembly);
            output.Write(": ");
            if (tests.Length == 0)
            {
                output.Write("{}");
                continue;
            }

            output.Write('{');
            for (var t = 0; t < tests.Length; t++)
            {
                output.Write(t == 0 ? "\n" + Indent + Indent + Indent : ",\n" + Indent + Indent + Indent);
                WriteString(output, tests[t]);
                output.Write(": ");
                WriteSeconds(output, entry.Seconds[t]);
            }

            output.Write("\n" + Indent + Indent + "}");
        }

        output.Write("\n" + Indent + "}\n}");
    }

    public static void WriteString(TextWriter output, string value)
    {
        output.Write('"');

        // Nearly every name is printable ASCII without a quote or backslash, which two vectorized
        // searches tell: written as it is. Anything else takes the character-by-character path.
        var span = value.AsSpan();
        if (!span.ContainsAnyExceptInRange(' ', '~') && !span.ContainsAny('"', '\\'))
        {
            output.Write(value);
            output.Write('"');
            return;
        }

        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? escaped = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ when c < ' ' || IsLoneSurrogate(value, i) => $"\\u{(int)c:x4}",
                _ => null,
            };
            if (escaped is null)
            {
                if (char.IsHighSurrogate(c))
                {
                    i++;
                }

                continue;
            }

            output.Write(value.AsSpan(start, i - start));
            output.Write(escaped);
            start = i + 1;
        }

        output.Write(value.AsSpan(start));
        output.Write('"');
    }

    /// <summary>A duration rounded to microseconds, as its decimal digits: "0.000125", "2".</summary>
    public static void WriteSeconds(TextWriter output, double seconds)
    {
        if (!(seconds >= 0 && seconds < 1e12))
        {
            output.Write((double.IsFinite(seconds) ? Math.Round(Math.Max(seconds, 0), 6) : 0).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        var micros = (long)Math.Round(seconds * 1_000_000);
        Span<char> digits = stackalloc char[24];
        var at = digits.Length;
        var fraction = micros % 1_000_000;
        if (fraction != 0)
        {
            var place = 6;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                place--;
            }

            for (; place > 0; place--)
            {
                digits[--at] = (char)('0' + (fraction % 10));
                fraction /= 10;
            }

            digits[--at] = '.';
        }

        var whole = micros / 1_000_000;
        do
        {
            digits[--at] = (char)('0' + (whole % 10));
            whole /= 10;
        }
        while (whole > 0);

        output.Write(digits[at..]);
    }

    private static bool IsLoneSurrogate(string value, int i) =>
        (char.IsHighSurrogate(value[i]) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])))
        || (char.IsLowSurrogate(value[i]) && (i == 0 || !char.IsHighSurrogate(value[i - 1])));

    /// <summary>UTF-8 without a byte order mark, as JSON wants it.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
