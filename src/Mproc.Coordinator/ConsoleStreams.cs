namespace Mproc.Coordinator;

/// <summary>
/// The process's real standard output and error, taken before any test runs: NUnit replaces
/// Console.Out during a run, so an in-process run must not write through Console.Out.
/// </summary>
public sealed record ConsoleStreams(TextWriter Out, TextWriter Error)
{
    public static ConsoleStreams Capture() => new(Console.Out, Console.Error);

    /// <summary>Bad input or a failed run: one line on standard error; returns <paramref name="exitCode"/>.</summary>
    public int Fail(string message, int exitCode)
    {
        Error.WriteLine($"nunit-mproc: error: {message}");
        Error.Flush();
        return exitCode;
    }
}
