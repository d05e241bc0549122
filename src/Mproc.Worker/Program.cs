using System.Globalization;
using System.IO.Pipes;
using Mproc.Protocol;
using Mproc.Protocol.Transport;
using Mproc.Worker.Fixtures;
using Mproc.Worker.Loading;
using Mproc.Worker.Session;

namespace Mproc.Worker;

/// <summary>
/// Entry point of a worker process: <c>Mproc.Worker --pipe PATH --worker-id N [--parent-pid PID]</c>,
/// with the run's secret in the environment. Never writes to standard output (NUnit captures it);
/// diagnostics go to standard error. Started with <c>--fixture-host</c>, it is the run's fixture host
/// instead (<see cref="FixtureHost"/>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var diagnostics = Console.Error;
        if (args.Length > 0 && args[0] == FixtureHostArguments.Flag)
        {
            return RunFixtureHost(args, diagnostics);
        }

        RunTrace.Mark("worker started");
        if (!WorkerArguments.TryParse(args, out var arguments, out var error))
        {
            diagnostics.WriteLine($"Mproc.Worker: {error}");
            diagnostics.WriteLine("usage: Mproc.Worker --pipe PATH --worker-id N [--parent-pid PID]");
            return WorkerExitCode.BadArguments;
        }

        ParentWatch.Start(arguments.ParentPid, arguments.PipePath, diagnostics);
        var preloader = arguments.RandomSeed is int seed ? Preloader.Start(arguments.Preload, seed) : Preloader.None;
        EventLogWriter? events = null;
        if (arguments.EventsPath is { } eventsPath)
        {
            try
            {
                events = EventLogWriter.Open(eventsPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                diagnostics.WriteLine($"Mproc.Worker: cannot open the event log {eventsPath}: {ex.Message}");
                return WorkerExitCode.BadArguments;
            }

            EventLogWriter.RemoveName(eventsPath);
        }

        using var eventLog = events;
        NamedPipeClientStream pipe;
        try
        {
            pipe = QueueClient.Connect(arguments.PipePath);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException)
        {
            diagnostics.WriteLine($"Mproc.Worker: cannot connect to {arguments.PipePath}: {ex.Message}");
            return WorkerExitCode.CoordinatorGone;
        }

        using var connection = pipe;
        RunTrace.Mark("worker connected");
        var secret = Environment.GetEnvironmentVariable(ProtocolConstants.SecretVariable) ?? string.Empty;
        using var session = new WorkerSession(connection, arguments.WorkerId, secret, diagnostics, preloader, events);
        int exitCode;
        try
        {
            exitCode = session.Run();
        }
        catch (IOException ex)
        {
            diagnostics.WriteLine($"Mproc.Worker {arguments.WorkerId.ToString(CultureInfo.InvariantCulture)}: connection lost: {ex.Message}");
            exitCode = WorkerExitCode.CoordinatorGone;
        }

        if (exitCode == WorkerExitCode.CoordinatorGone)
        {
            ParentWatch.ConnectionLost(arguments.ParentPid, arguments.PipePath);
        }

        return exitCode;
    }

    private static int RunFixtureHost(string[] args, TextWriter diagnostics)
    {
        if (!FixtureHostArguments.TryParse(args, out var arguments, out var error))
        {
            diagnostics.WriteLine($"Mproc.Worker: {error}");
            return WorkerExitCode.BadArguments;
        }

        // Standard output carries the protocol: what fixture code writes to Console.Out goes to standard error.
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        Console.SetOut(diagnostics);
        ParentWatch.Start(arguments.ParentPid, string.Empty, diagnostics);
        return FixtureHost.Run(input, output, arguments.Run, diagnostics);
    }
}
