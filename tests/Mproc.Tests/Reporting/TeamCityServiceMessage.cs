using System.Text;

namespace Mproc.Tests.Reporting;

/// <summary>
/// A TeamCity service message read back from a line, as TeamCity reads it:
/// <c>##teamcity[name key='value' ...]</c> with |-escapes (|' |n |r |[ |] || |x |l |p |0xNNNN).
/// </summary>
internal sealed record TeamCityServiceMessage(string Name, IReadOnlyDictionary<string, string> Attributes)
{
    private const string Prefix = "##teamcity[";

    public string this[string key] => Attributes[key];

    /// <summary>Every service message in <paramref name="output"/>, in order; other lines are ignored.</summary>
    public static List<TeamCityServiceMessage> ParseAll(string output) =>
        [.. output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(Prefix, StringComparison.Ordinal)).Select(Parse)];

    public static TeamCityServiceMessage Parse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal) || !line.EndsWith(']'))
        {
            throw new FormatException($"not a service message: {line}");
        }

        var body = line[Prefix.Length..^1];
        var i = body.IndexOf(' ', StringComparison.Ordinal);
        var name = i < 0 ? body : body[..i];
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = i < 0 ? body.Length : i;
        while (position < body.Length)
        {
            while (position < body.Length && body[position] == ' ')
            {
                position++;
            }

            if (position == body.Length)
            {
                break;
            }

            var equals = body.IndexOf("='", position, StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new FormatException($"attribute without a quoted value in: {line}");
            }

            var key = body[position..equals];
            var value = new StringBuilder();
            position = equals + 2;
            while (true)
            {
                if (position >= body.Length)
                {
                    throw new FormatException($"unterminated value in: {line}");
                }

                var c = body[position++];
                if (c == '\'')
                {
                    break;
                }

                if (c is '[' or ']' or '\n' or '\r')
                {
                    throw new FormatException($"unescaped '{c}' in: {line}");
                }

                if (c != '|')
                {
                    value.Append(c);
                    continue;
                }

                var escaped = body[position++];
                value.Append(escaped switch
                {
                    '\'' => "'",
                    'n' => "\n",
                    'r' => "\r",
                    '[' => "[",
                    ']' => "]",
                    '|' => "|",
                    'x' => "\u0085",
                    'l' => "\u2028",
                    'p' => "\u2029",
                    '\u2019' => "\u2019",
                    _ => throw new FormatException($"unknown escape |{escaped} in: {line}"),
                });
            }

            attributes.Add(key, value.ToString());
        }

        return new TeamCityServiceMessage(name, attributes);
    }
}
