using System.Text.Encodings.Web;
using System.Text.Json;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// Durations of the tests of earlier runs, by assembly file name and test full name, in a small
/// JSON file (default <c>.mproc/timings.json</c> in the working directory) that every run updates:
/// <code>{ "version": 1, "assemblies": { "Tests.dll": { "Ns.Fixture.Test": 0.125 } } }</code>
/// A missing file is no history; an unreadable one is reported and treated as no history. Read and
/// written with the streaming JSON reader and writer: the file holds one entry per test, and a run
/// of many trivial tests should not pay for a document model.
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
            var timings = Parse(File.ReadAllBytes(path));
            return timings is null
                ? ([], $"ignoring timings file {path}: not a version {Version} timings file")
                : (timings, null);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            return ([], $"ignoring timings file {path}: {ex.Message}");
        }
    }

    /// <summary>Writes <paramref name="previous"/> updated with <paramref name="measured"/> (which wins), atomically.</summary>
    public static void Save(string path, IEnumerable<TestTiming> previous, IEnumerable<TestTiming> measured)
    {
        var merged = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var timing in previous.Concat(measured))
        {
            if (!merged.TryGetValue(timing.Assembly, out var tests))
            {
                tests = new Dictionary<string, double>(StringComparer.Ordinal);
                merged[timing.Assembly] = tests;
            }

            tests[timing.FullName] = Math.Round(timing.Seconds, 6);
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp-" + Environment.ProcessId;
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        using (var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteStartObject("assemblies");
            foreach (var assembly in SortedKeys(merged))
            {
                var tests = merged[assembly];
                json.WriteStartObject(assembly);
                foreach (var name in SortedKeys(tests))
                {
                    json.WriteNumber(name, tests[name]);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        File.Move(temporary, full, overwrite: true);
    }

    private static string[] SortedKeys<TValue>(Dictionary<string, TValue> dictionary)
    {
        var keys = new string[dictionary.Count];
        dictionary.Keys.CopyTo(keys, 0);
        Array.Sort(keys, StringComparer.Ordinal);
        return keys;
    }

    /// <summary>The timings in a file's bytes; null when it is JSON but not a version 1 timings file.</summary>
    private static List<TestTiming>? Parse(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        int? version = null;
        List<TestTiming>? timings = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            reader.Read();
            if (property == "version" && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v))
            {
                version = v;
            }
            else if (property == "assemblies" && reader.TokenType == JsonTokenType.StartObject)
            {
                timings = ReadAssemblies(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return version == Version ? timings : null;
    }

    private static List<TestTiming> ReadAssemblies(ref Utf8JsonReader reader)
    {
        var timings = new List<TestTiming>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var assembly = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var seconds) && seconds >= 0 && double.IsFinite(seconds))
                {
                    timings.Add(new TestTiming(assembly, name, seconds));
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return timings;
    }
}
