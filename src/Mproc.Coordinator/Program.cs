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
}
