using System.Text;
using System.Text.Json;

namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// The tests that failed when they last ran (--last-failed, --failed-first), by full name, in a small
/// JSON file beside the timings file (<c>.mproc/lastfailed.json</c> by default) that every run updates:
/// <code>{ "version": 1, "failed": [ "Ns.Fixture.Test", ... ] }</code>
/// A test that runs again and does not fail leaves the list; one that fails joins it; one that does
/// not run (not selected, not reached) keeps its place. Written owner-only (it names the project's
/// tests) and atomically; a file that cannot be read as one counts as no failures and is left alone.
/// </summary>
public static class LastFailedFile
{
    public const string FileName = "lastfailed.json";
    private const int Version = 1;

    /// <summary>Beside the timings file (or where the default one would be, with --no-timings).</summary>
    public static string PathBeside(string? timingsPath) =>
        Path.Combine(Path.GetDirectoryName(timingsPath ?? TimingsFile.DefaultPath) ?? string.Empty, FileName);

    /// <summary>The failed tests' full names in the order they were written, or a warning.</summary>
    public static (IReadOnlyList<string> Failed, string? Warning) Load(string path)
    {
        if (!File.Exists(path))
        {
            return ([], null);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != Version
                || !root.TryGetProperty("failed", out var failed) || failed.ValueKind != JsonValueKind.Array)
            {
                return ([], $"ignoring {path}: not a version {Version} list of failed tests; it is left as it is");
            }

            return ([.. failed.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)], null);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or FormatException)
        {
            return ([], $"ignoring {path}: {ex.Message}; it is left as it is");
        }
    }

    /// <summary>The list after a run: the previous one without the tests that ran, plus those that failed now.</summary>
    public static IReadOnlyList<string> Update(IEnumerable<string> previous, IReadOnlySet<string> ran, IEnumerable<string> failed)
    {
        var result = previous.Where(name => !ran.Contains(name)).ToList();
        var seen = result.ToHashSet(StringComparer.Ordinal);
        result.AddRange(failed.Where(seen.Add));
        return result;
    }

    /// <summary>Writes the list atomically (a temporary file moved over the old one), readable by its owner only.</summary>
    public static void Save(string path, IReadOnlyList<string> failed)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp-" + Environment.ProcessId;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        using (var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteStartArray("failed");
            foreach (var name in failed)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        File.Move(temporary, full, overwrite: true);
    }
}
