using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mproc.Coordinator.Cli;

/// <summary>
/// The value of <c>--cores</c>: <c>N</c>, <c>auto</c> (logical processors), <c>auto*K</c> or
/// <c>auto/K</c> (K a positive number, decimals allowed; the result is rounded and at least 1).
/// Invariant culture, case-insensitive.
/// </summary>
public static class CoresValue
{
    /// <summary>More worker processes than this is a typo, not a plan.</summary>
    public const int MaxWorkers = 10_000;

    public const string ValidForms = "N (a whole number from 1 to 10000), auto, auto*K or auto/K (K a positive number, e.g. auto*2, auto/2, auto*1.5)";

    public static bool TryParse(string? text, int processorCount, out int workers, [NotNullWhen(false)] out string? error)
    {
        workers = 0;
        var value = (text ?? string.Empty).Trim().ToLowerInvariant();
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            if (count is >= 1 and <= MaxWorkers)
            {
                workers = count;
                error = null;
                return true;
            }
        }
        else if (value == "auto")
        {
            workers = Math.Max(1, processorCount);
            error = null;
            return true;
        }
        else if (value.Length > 5 && value.StartsWith("auto", StringComparison.Ordinal) && value[4] is '*' or '/'
                 && double.TryParse(value.AsSpan(5), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var factor)
                 && factor > 0 && double.IsFinite(factor))
        {
            var raw = value[4] == '*' ? processorCount * factor : processorCount / factor;
            if (raw <= MaxWorkers)
            {
                workers = Math.Max(1, (int)Math.Round(raw, MidpointRounding.AwayFromZero));
                error = null;
                return true;
            }
        }

        error = $"invalid --cores value '{text}'; valid forms: {ValidForms}";
        return false;
    }
}
