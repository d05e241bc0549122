namespace Mproc.Coordinator.Cli;

/// <summary>What parsing the command line gave: options to run, an error, or help/version already printed.</summary>
public sealed record ParseOutcome(MprocOptions? Options, string? Error)
{
    /// <summary>The <c>report</c> command's options, when that is what the command line asks for.</summary>
    public Distributed.ReportOptions? Report { get; init; }

    public bool IsInformational => Options is null && Error is null && Report is null;

    public static ParseOutcome Succeeded(MprocOptions options) => new(options, null);

    public static ParseOutcome Failed(string error) => new(null, error);

    public static ParseOutcome Informational() => new(null, null);
}
