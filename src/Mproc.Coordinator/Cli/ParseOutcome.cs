namespace Mproc.Coordinator.Cli;

/// <summary>What parsing the command line gave: options to run, an error, or help/version already printed.</summary>
public sealed record ParseOutcome(MprocOptions? Options, string? Error)
{
    public bool IsInformational => Options is null && Error is null;

    public static ParseOutcome Succeeded(MprocOptions options) => new(options, null);

    public static ParseOutcome Failed(string error) => new(null, error);

    public static ParseOutcome Informational() => new(null, null);
}
