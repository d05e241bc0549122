using System.Text.Json;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// Durations of the tests of earlier runs, by assembly file name and test full name, in a small
/// JSON file (default <c>.mproc/timings.json</c> in the working directory) that every run updates:
/// <code>{ "version": 1, "assemblies": { "Tests.dll": { "Ns.Fixture.Test": 0.125 } } }</code>
/// A missing file is no history; an unreadable one is reported, treated as no history and never
/// written over (it may be someone else's file). Read with
/// the streaming JSON reader and written by <see cref="TimingsJsonWriter"/>: the file holds one
/// entry per test, and a run of many trivial tests should not pay for a document model.
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
                ? ([], $"ignoring timings file {path}: not a version {Version} timings file; it is left as it is")
                : (timings, null);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            return ([], $"ignoring timings file {path}: {ex.Message}; it is left as it is");
        }
    }

    /// <summary>Writes <paramref name="previous"/> updated with <paramref name="measured"/> (which wins), atomically.</summary>
    /// <summary>The durations a run measured: every test a worker ran (not skipped), by assembly file name.</summary>
    public static List<TestTiming> Measured(Results.RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var measured = new List<TestTiming>();
        foreach (var assembly in report.Assemblies)
        {
            var name = Path.GetFileName(assembly.Path);
            var pending = new Stack<Results.ResultNode>([assembly.Root]);
            while (pending.TryPop(out var node))
            {
                foreach (var child in node.Children)
                {
                    pending.Push(child);
                }

                if (node.IsTest && node.WorkerId >= 0 && node.Outcome is { Status: not "Skipped" } outcome)
                {
                    measured.Add(new TestTiming(name, node.Node.FullName, outcome.DurationSeconds));
                }
            }
        }

        return measured;
    }

    public static void Save(string path, IEnumerable<TestTiming> previous, IEnumerable<TestTiming> measured)
    {
        // Durations sit in boxes so both dictionaries have reference-type values: code the runtime
        // has ready, where a dictionary of doubles would be compiled (unoptimized) during every run's
        // last milliseconds.
        var merged = new Dictionary<string, Dictionary<string, Seconds>>(StringComparer.Ordinal);
        foreach (var timing in previous.Concat(measured))
        {
            if (!merged.TryGetValue(timing.Assembly, out var tests))
            {
                tests = new Dictionary<string, Seconds>(StringComparer.Ordinal);
                merged[timing.Assembly] = tests;
            }

            if (tests.TryGetValue(timing.FullName, out var seconds))
            {
                seconds.Value = timing.Seconds;
            }
            else
            {
                tests[timing.FullName] = new Seconds(timing.Seconds);
            }
        }

        var assemblies = new List<TimingsJsonWriter.AssemblyEntry>();
        foreach (var assembly in SortedKeys(merged))
        {
            var tests = merged[assembly];
            var names = SortedKeys(tests);
            var seconds = new double[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                seconds[i] = tests[names[i]].Value;
            }

            assemblies.Add(new(assembly, names, seconds));
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp-" + Environment.ProcessId;
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        using (var text = new StreamWriter(file, TimingsJsonWriter.Utf8, 32 * 1024))
        {
            TimingsJsonWriter.Write(text, Version, assemblies);
        }

        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>The keys in ordinal order; usually they are in it already (the last file's order), which is checked before sorting.</summary>
    private static string[] SortedKeys<TValue>(Dictionary<string, TValue> dictionary)
    {
        var keys = new string[dictionary.Count];
        dictionary.Keys.CopyTo(keys, 0);
        for (var i = 1; i < keys.Length; i++)
        {
            if (string.CompareOrdinal(keys[i - 1], keys[i]) > 0)
            {
                Array.Sort(keys, StringComparer.Ordinal);
                break;
            }
        }

        return keys;
    }

    private sealed class Seconds(double value)
    {
        public double Value { get; set; } = value;
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
                if (!TryGetString(ref reader, out var name))
                {
                    // A name that is not well-formed UTF-16 (a lone surrogate, escaped): the JSON
                    // reader cannot make it a string. That test goes without a recorded duration.
                    reader.Read();
                    reader.Skip();
                    continue;
                }

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

    private static bool TryGetString(ref Utf8JsonReader reader, out string value)
    {
        try
        {
            value = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = string.Empty;
            return false;
        }
    }
}
