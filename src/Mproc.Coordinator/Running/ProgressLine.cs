using System.Globalization;
using System.Text;

namespace Mproc.Coordinator.Running;

/// <summary>The text of the progress line and of a failure line.</summary>
public static class ProgressLine
{
    /// <summary>
    /// "[ 12.3s] 120/400 tests done, 2 failed, about 31s left" and, for the live line, what each
    /// worker runs now ("| w0 Fixture.Test | w1 ..."), cut to <paramref name="width"/>.
    /// </summary>
    public static string Format(
        double elapsedSeconds,
        int finished,
        int total,
        int failed,
        IReadOnlyList<KeyValuePair<int, string>>? running = null,
        int width = int.MaxValue)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"[{elapsedSeconds,6:F1}s] {finished}/{total} tests done, {failed} failed");
        if (Estimate(elapsedSeconds, finished, total) is { } left)
        {
            text.Append(CultureInfo.InvariantCulture, $", about {FormatSeconds(left)} left");
        }

        foreach (var (worker, name) in running ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $" | w{worker} {ShortName(name)}");
        }

        return text.Length <= width ? text.ToString() : text.ToString(0, Math.Max(0, width - 1)) + "…";
    }

    /// <summary>"FAILED Ns.Fixture.Test (worker 2): Expected: 1": the first line of the message only.</summary>
    public static string Failure(string fullName, int workerId, string? message, bool color)
    {
        var label = color ? "\u001b[31mFAILED\u001b[0m" : "FAILED";
        var first = FirstLine(message);
        return first.Length == 0
            ? $"{label} {fullName} (worker {workerId})"
            : $"{label} {fullName} (worker {workerId}): {first}";
    }

    /// <summary>Seconds left at the pace so far; null before the first result and after the last.</summary>
    public static double? Estimate(double elapsedSeconds, int finished, int total) =>
        finished <= 0 || finished >= total ? null : elapsedSeconds / finished * (total - finished);

    private static string FormatSeconds(double seconds) => seconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(seconds):0}s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)}m{(int)(seconds % 60):00}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 3600)}h{(int)(seconds % 3600 / 60):00}m"),
    };

    /// <summary>The last two dotted parts of a full name (fixture and test), arguments kept.</summary>
    private static string ShortName(string fullName)
    {
        var paren = fullName.IndexOf('(', StringComparison.Ordinal);
        var head = paren < 0 ? fullName : fullName[..paren];
        var last = head.LastIndexOf('.');
        var previous = last <= 0 ? -1 : head.LastIndexOf('.', last - 1);
        return previous < 0 ? fullName : fullName[(previous + 1)..];
    }

    private static string FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var trimmed = text.TrimStart();
        var end = trimmed.IndexOfAny(['\r', '\n']);
        return (end < 0 ? trimmed : trimmed[..end]).TrimEnd();
    }
}
