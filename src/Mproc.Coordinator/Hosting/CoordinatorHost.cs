using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mproc.Coordinator.Cli;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Running;
using Mproc.Protocol;

namespace Mproc.Coordinator.Hosting;

/// <summary>
/// The Generic Host around a run: dependency injection, logging to standard error, and the console
/// lifetime that turns Ctrl+C and SIGTERM into the run's interruption.
/// </summary>
public static class CoordinatorHost
{
    public static async Task<int> RunAsync(MprocOptions options, ConsoleStreams console)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Worker processes take longest to get going: start them before anything else, so they
        // start up while the host is built and the input is checked.
        var early = new DeferredLogger(options.Verbose ? LogLevel.Debug : LogLevel.Warning);
        WorkerHeadStart? headStart;
        try
        {
            // Watching, every run starts its own workers (and builds its project first).
            headStart = !options.Watch && options.Queue is null && WorkerHeadStart.Applies(options) ? WorkerHeadStart.Begin(options, early) : null;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            await console.Error.WriteLineAsync($"nunit-mproc: error: cannot start a worker process ({Workers.WorkerProgram.Path}): {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UnexpectedError;
        }

        await using var startedWorkers = headStart;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(early.MinimumLevel);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(console);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RunCommand>();
        builder.Services.AddSingleton<Watching.WatchCommand>();

        using var host = builder.Build();
        early.Attach(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Mproc.Coordinator"));
        await host.StartAsync().ConfigureAwait(false);
        RunTrace.Mark("host started");
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        int exitCode;
        try
        {
            if (options.Watch)
            {
                exitCode = await host.Services.GetRequiredService<Watching.WatchCommand>().ExecuteAsync(lifetime.ApplicationStopping).ConfigureAwait(false);
            }
            else
            {
                var command = host.Services.GetRequiredService<RunCommand>();
                command.HeadStart = headStart;
                exitCode = await command.ExecuteAsync(lifetime.ApplicationStopping).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // The last line of defence: an internal error is one line and a documented exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await console.Error.WriteLineAsync($"nunit-mproc: internal error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            if (options.Verbose)
            {
                await console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            exitCode = ExitCodes.UnexpectedError;
        }

        await host.StopAsync().ConfigureAwait(false);
        return exitCode;
    }
}
