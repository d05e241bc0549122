using System.Text.Json;
using System.Text.Json.Nodes;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// Durations of the tests of earlier runs, by assembly file name and test full name, in a small
/// JSON file (default <c>.mproc/timings.json</c> in the working directory) that every run updates:
/// <code>{ "version": 1, "assemblies": { "Tests.dll": { "Ns.Fixture.Test": 0.125 } } }</code>
/// A missing file is no history; an unreadable one is reported and treated as no history.
/// </summary>
public static class TimingsFile
{
    public const string DefaultPath = ".mproc/timings.json";
    private const int Version = 1;

    public static (IReadOnlyList<TestTiming> Timings, string? Warning) Load(string path)
    {
        if (!File.Exists(path))
        {
            return ([], null);
        }

        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
            if (root?["version"]?.GetValue<int>() != Version || root["assemblies"] is not JsonObject assemblies)
            {
                return ([], $"ignoring timings file {path}: not a version {Version} timings file");
            }

            var timings = new List<TestTiming>();
            foreach (var (assembly, tests) in assemblies)
            {
                if (tests is not JsonObject byName)
                {
                    continue;
                }

                foreach (var (name, seconds) in byName)
                {
                    if (seconds is JsonValue value && value.TryGetValue<double>(out var s) && s >= 0 && double.IsFinite(s))
                    {
                        timings.Add(new TestTiming(assembly, name, s));
                    }
                }
            }

            return (timings, null);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            return ([], $"ignoring timings file {path}: {ex.Message}");
        }
    }

    /// <summary>Writes <paramref name="previous"/> updated with <paramref name="measured"/> (which wins), atomically.</summary>
    public static void Save(string path, IEnumerable<TestTiming> previous, IEnumerable<TestTiming> measured)
    {
        var merged = new SortedDictionary<string, SortedDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var timing in previous.Concat(measured))
        {
            if (!merged.TryGetValue(timing.Assembly, out var tests))
            {
                tests = new SortedDictionary<string, double>(StringComparer.Ordinal);
                merged[timing.Assembly] = tests;
            }

            tests[timing.FullName] = Math.Round(timing.Seconds, 6);
        }

        var assemblies = new JsonObject();
        foreach (var (assembly, tests) in merged)
        {
            var byName = new JsonObject();
            foreach (var (name, seconds) in tests)
            {
                byName[name] = seconds;
            }

            assemblies[assembly] = byName;
        }

        var document = new JsonObject { ["version"] = Version, ["assemblies"] = assemblies };
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temporary, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, full, overwrite: true);
    }
}
