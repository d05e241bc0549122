using Mproc.Coordinator.Cli;
using Mproc.Coordinator.Hosting;
using Mproc.Coordinator.Reporting;
using Mproc.Protocol;

namespace Mproc.Coordinator;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        RunTrace.Mark("coordinator started");
        var console = ConsoleStreams.Capture();
        MprocSettings? settings = null;
        var parsed = new CommandLineParser().Parse(
            args,
            Environment.ProcessorCount,
            console.Out,
            firstAssembly => settings = MprocConfiguration.Load(Environment.CurrentDirectory, firstAssembly),
            Environment.CurrentDirectory);
        foreach (var key in settings?.UnknownKeys ?? [])
        {
            await console.Error.WriteLineAsync($"nunit-mproc: warning: unknown key \"{key}\" in {settings!.FilePath}").ConfigureAwait(false);
        }

        if (parsed.IsInformational)
        {
            return ExitCodes.Ok;
        }

        if (parsed.Report is { } report)
        {
            return await RunReportAsync(report, console).ConfigureAwait(false);
        }

        if (parsed.Options is null)
        {
            await console.Error.WriteLineAsync($"nunit-mproc: error: {parsed.Error} (see nunit-mproc --help)").ConfigureAwait(false);
            return ExitCodes.InvalidArgument;
        }

        foreach (var notice in parsed.Options.Notices)
        {
            await console.Error.WriteLineAsync($"nunit-mproc: notice: {notice}").ConfigureAwait(false);
        }

        return await CoordinatorHost.RunAsync(parsed.Options, console).ConfigureAwait(false);
    }

    /// <summary>nunit-mproc report: its notices, its output paths checked first, Ctrl+C stops the wait.</summary>
    private static async Task<int> RunReportAsync(Distributed.ReportOptions report, ConsoleStreams console)
    {
        foreach (var notice in report.Notices)
        {
            await console.Error.WriteLineAsync($"nunit-mproc: notice: {notice}").ConfigureAwait(false);
        }

        if (Input.OutputPaths.Check(report) is { } problem)
        {
            return console.Fail(problem, ExitCodes.InvalidArgument);
        }

        using var interrupted = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await Distributed.ReportCommand.RunAsync(report, console, cancellation: interrupted.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
