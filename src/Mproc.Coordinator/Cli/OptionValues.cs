using System.CommandLine;

namespace Mproc.Coordinator.Cli;

/// <summary>
/// The value of each option: from the command line when it is given there, else from configuration
/// (<see cref="MprocSettings"/>), else the option's default. Origins are " (from ...)" suffixes for
/// error messages, empty for the command line.
/// </summary>
internal sealed class OptionValues
{
    private readonly ParseResult _parsed;
    private readonly MprocSettings _settings;

    public OptionValues(ParseResult parsed, MprocSettings settings)
    {
        _parsed = parsed;
        _settings = settings;
    }

    public bool OnCommandLine(Option option) => _parsed.GetResult(option) is { Implicit: false };

    public (string? Value, string Origin) Text<T>(Option<T> option) => Text(option, _parsed.GetValue(option) as string);

    public (bool Value, string? Error) Flag(Option<bool> option)
    {
        if (OnCommandLine(option) || _settings.Text(Key(option)) is not { } configured)
        {
            return (_parsed.GetValue(option), null);
        }

        return TryParseFlag(configured.Value, out var value)
            ? (value, null)
            : (false, $"invalid {option.Name} value '{configured.Value}'; expected true or false (from {configured.Origin})");
    }

    /// <summary>A flag's value when the command line or configuration sets it, else null (the caller decides).</summary>
    public (bool? Value, string? Error) OptionalFlag(Option<bool> option)
    {
        if (!OnCommandLine(option) && _settings.Text(Key(option)) is null)
        {
            return (null, null);
        }

        var (value, error) = Flag(option);
        return (value, error);
    }

    /// <summary>A flag set only in configuration (an alias key such as "explore").</summary>
    public bool ConfiguredFlag(string key) =>
        _settings.Text(key) is { } configured && TryParseFlag(configured.Value, out var value) && value;

    /// <summary>
    /// Whether a --no-X flag turns X off: given on the command line, or set in configuration while
    /// X itself is not given on the command line.
    /// </summary>
    public bool Disabled(Option<bool> noOption, Option valueOption, bool noValue) =>
        OnCommandLine(noOption) ? noValue : noValue && !OnCommandLine(valueOption);

    private (string? Value, string Origin) Text(Option option, string? commandLineValue)
    {
        if (!OnCommandLine(option) && _settings.Text(Key(option)) is { } configured)
        {
            return (configured.Value, $" (from {configured.Origin})");
        }

        return (commandLineValue, string.Empty);
    }

    private static string Key(Option option) => option.Name.TrimStart('-');

    private static bool TryParseFlag(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on":
                value = true;
                return true;
            case "false" or "0" or "no" or "off" or "":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
