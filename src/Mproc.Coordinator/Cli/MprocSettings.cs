using Microsoft.Extensions.Configuration;

namespace Mproc.Coordinator.Cli;

/// <summary>
/// Option values from configuration (see <see cref="MprocConfiguration"/>). Keys are the long option
/// names, matched ignoring case, dashes and underscores: <c>"noResult"</c>, <c>"no-result"</c> and
/// <c>MPROC_NO_RESULT</c> all set --no-result. The worker variables (MPROC_WORKER_ID,
/// MPROC_WORKER_COUNT, MPROC_RUN_ID, MPROC_SECRET) are not options and are ignored.
/// </summary>
public sealed class MprocSettings
{
    /// <summary>Every key an option can be set with, normalized.</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal)
    {
        "assemblies", "cores", "disablemproc", "where", "result", "noresult", "junit", "trx", "list", "explore",
        "seed", "timings", "notimings", "reordertests", "durations", "verbose", "jobserver", "testtimeout", "maxworkerrestarts", "framework", "nocioutput",
        "testparam", "params", "settings", "setculture", "setuiculture", "workdirectory", "labels", "teamcity",
        "exitfirst", "maxfail", "lastfailed", "lf", "failedfirst", "ff", "looponfail", "watch",
        "queue", "buildid", "attempt", "nodeid", "leasetime", "maxlost", "queuettl", "inactivetimeout", "reporttimeout",
    };

    private static readonly HashSet<string> WorkerVariables = new(StringComparer.Ordinal) { "workerid", "workercount", "runid", "secret" };

    private readonly Dictionary<string, (string Value, string Origin)> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (List<string> Values, string Origin)> _lists = new(StringComparer.Ordinal);
    private readonly List<string> _unknown = [];

    public MprocSettings(IConfiguration? file, string? filePath, IConfiguration? environment)
    {
        FilePath = filePath;
        if (file is not null)
        {
            Read(file, key => $"\"{key}\" in {filePath}", reportUnknown: true);
        }

        if (environment is not null)
        {
            Read(environment, key => MprocConfiguration.EnvironmentPrefix + key, reportUnknown: false);
        }
    }

    /// <summary>No configuration at all.</summary>
    public static MprocSettings Empty { get; } = new(null, null, null);

    public string? FilePath { get; }

    /// <summary>Keys of the file that set no option (probably typos), as they were written.</summary>
    public IReadOnlyList<string> UnknownKeys => _unknown;

    public static string Normalize(string key) =>
        key.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>The configured text of an option and where it was set, or null.</summary>
    public (string Value, string Origin)? Text(string option) =>
        _values.TryGetValue(Normalize(option), out var value) ? value : null;

    /// <summary>
    /// The configured list of an option, or null: an array in the file, or one value, which may itself
    /// be a JSON array of strings (how an environment variable holds a list). Throws
    /// <see cref="FormatException"/> naming where it was set when that text is not such an array.
    /// </summary>
    public (IReadOnlyList<string> Values, string Origin)? List(string option)
    {
        var key = Normalize(option);
        if (_lists.TryGetValue(key, out var list))
        {
            return (list.Values, list.Origin);
        }

        if (!_values.TryGetValue(key, out var single))
        {
            return null;
        }

        if (!single.Value.TrimStart().StartsWith('['))
        {
            return ([single.Value], single.Origin);
        }

        try
        {
            var values = System.Text.Json.JsonSerializer.Deserialize<List<string>>(single.Value);
            if (values is not null && values.TrueForAll(v => v is not null))
            {
                return (values, single.Origin);
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        throw new FormatException($"'{single.Value}' is not a JSON array of strings (set in {single.Origin})");
    }

    private void Read(IConfiguration configuration, Func<string, string> origin, bool reportUnknown)
    {
        foreach (var section in configuration.GetChildren())
        {
            var key = Normalize(section.Key);
            if (!Keys.Contains(key))
            {
                if (reportUnknown && !WorkerVariables.Contains(key))
                {
                    _unknown.Add(section.Key);
                }

                continue;
            }

            var children = section.GetChildren().Where(c => c.Value is not null).ToList();
            if (section.Value is not null)
            {
                _values[key] = (section.Value, origin(section.Key));
                _lists.Remove(key);
            }
            else if (children.Count > 0)
            {
                _lists[key] = (children.OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue).Select(c => c.Value!).ToList(), origin(section.Key));
                _values.Remove(key);
            }
        }
    }
}
