namespace Mproc.Coordinator.Running;

/// <summary>
/// How progress is shown: <see cref="Live"/> (a status line rewritten in place) only when standard
/// output is a terminal and neither <c>CI</c> is set nor <c>TERM=dumb</c>; color only when live and
/// <c>NO_COLOR</c> is not set (https://no-color.org).
/// </summary>
public sealed record TerminalInfo(bool Live, bool Color, int Width)
{
    public const int DefaultWidth = 120;

    /// <summary>Plain lines, no color: what a log file or CI gets.</summary>
    public static TerminalInfo Plain { get; } = new(false, false, DefaultWidth);

    public static TerminalInfo Detect(Func<string, string?> environment, bool outputRedirected, int width)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var live = !outputRedirected
            && string.IsNullOrEmpty(environment("CI"))
            && !string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);
        var color = live && string.IsNullOrEmpty(environment("NO_COLOR"));
        return new TerminalInfo(live, color, width > 20 ? width : DefaultWidth);
    }

    public static TerminalInfo FromConsole() =>
        Detect(Environment.GetEnvironmentVariable, Console.IsOutputRedirected, ConsoleWidth());

    private static int ConsoleWidth()
    {
        try
        {
            return Console.IsOutputRedirected ? DefaultWidth : Console.WindowWidth;
        }
        catch (IOException)
        {
            return DefaultWidth;
        }
    }
}
