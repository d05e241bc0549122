using Microsoft.Extensions.Logging;
using Mproc.Coordinator.Cli;
using Mproc.Coordinator.Distributed;
using Mproc.Coordinator.Fixtures;
using Mproc.Coordinator.Input;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Scheduling;
using Mproc.Coordinator.Transport;
using Mproc.Coordinator.Workers;
using Mproc.Protocol;
using Mproc.Worker.Fixtures;

namespace Mproc.Coordinator.Running;

/// <summary>
/// One invocation of nunit-mproc: checks the input, starts the queue and the workers, waits for
/// the run to end, writes the reports and returns the exit code.
/// </summary>
public sealed class RunCommand
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>Set by TeamCity in a build step's environment: service messages are then on unless --teamcity false says otherwise.</summary>
    private const string TeamCityVersionVariable = "TEAMCITY_VERSION";

    private MprocOptions _options;
    private readonly ConsoleStreams _console;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private string _filterXml = string.Empty;
    // While the run goes, fixture log lines go through the progress display (which keeps its status line apart).
    private volatile ProgressDisplay? _display;
    private bool _timingsUnreadable;
    private bool _lastFailedUnreadable;

    public RunCommand(MprocOptions options, ConsoleStreams console, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _options = options;
        _console = console;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger("Mproc.Coordinator");
    }

    /// <summary>
    /// Workers already started for this run (see <see cref="WorkerHeadStart.Applies"/>), or null to
    /// start them once the input is checked. The caller disposes it.
    /// </summary>
    public WorkerHeadStart? HeadStart { get; set; }

    /// <summary>After <see cref="ExecuteAsync"/>: the tests that ran (with a result from a worker) and those of them that failed, by full name; null when no run took place.</summary>
    public RunFailures? LastRun { get; private set; }

    public async Task<int> ExecuteAsync(CancellationToken interrupted)
    {
        var headStart = HeadStart;
        if (OutputPaths.Check(_options) is { } outputProblem)
        {
            return _console.Fail(outputProblem, ExitCodes.InvalidArgument);
        }

        if (_options.NUnit.WorkDirectory is { } workDirectory)
        {
            // As nunit3-console: the work directory is made when it does not exist.
            try
            {
                Directory.CreateDirectory(workDirectory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return _console.Fail($"cannot make the work directory {workDirectory}: {ex.Message}", ExitCodes.InvalidArgument);
            }
        }

        var assemblies = new List<string>();
        foreach (var input in _options.Assemblies)
        {
            if (!ProjectInput.IsProject(input))
            {
                assemblies.Add(input);
                continue;
            }

            var (solution, solutionError) = SolutionInput.Find(input);
            if (solutionError is not null)
            {
                return _console.Fail(solutionError, ExitCodes.InvalidAssembly);
            }

            if (solution is not null)
            {
                var (testAssemblies, error) = await SolutionInput.BuildAsync(solution, _options.Framework, _console.Out, interrupted).ConfigureAwait(false);
                if (testAssemblies is null)
                {
                    return _console.Fail(error!, ExitCodes.InvalidAssembly);
                }

                assemblies.AddRange(testAssemblies);
                continue;
            }

            var (built, buildError) = await ProjectInput.BuildAsync(input, _options.Framework, _console.Out, interrupted).ConfigureAwait(false);
            if (built is null)
            {
                return _console.Fail(buildError!, ExitCodes.InvalidAssembly);
            }

            assemblies.Add(built);
        }

        _options = _options with { Assemblies = assemblies };
        foreach (var path in _options.Assemblies)
        {
            var problem = AssemblyValidator.Validate(path);
            if (problem is not null)
            {
                return _console.Fail(problem, ExitCodes.InvalidAssembly);
            }
        }

        var (filterXml, whereError) = WhereFilter.ToXml(_options.Where);
        if (whereError is not null)
        {
            return _console.Fail(whereError, ExitCodes.InvalidArgument);
        }

        var lastFailedPath = LastFailedFile.PathBeside(_options.TimingsPath);
        var (previouslyFailed, lastFailedWarning) = LastFailedFile.Load(lastFailedPath);
        if (lastFailedWarning is not null)
        {
            _console.Error.WriteLine($"nunit-mproc: warning: {lastFailedWarning}");
            _lastFailedUnreadable = true;
        }

        var onlyTests = _options.OnlyTests;
        if (_options.LastFailed && onlyTests is null)
        {
            if (previouslyFailed.Count == 0)
            {
                _console.Out.WriteLine("nunit-mproc: --last-failed: no test failed when it last ran; running all selected tests");
            }
            else
            {
                onlyTests = previouslyFailed;
                _console.Out.WriteLine($"nunit-mproc: --last-failed: running the {previouslyFailed.Count} test{(previouslyFailed.Count == 1 ? string.Empty : "s")} that failed when {(previouslyFailed.Count == 1 ? "it" : "they")} last ran");
            }
        }

        if (onlyTests is not null)
        {
            filterXml = WhereFilter.OnlyTests(filterXml, onlyTests);
        }

        _filterXml = filterXml;

        IReadOnlyList<Protocol.Messages.TestTiming> timings = [];
        if (_options.TimingsPath is not null)
        {
            (timings, var timingsWarning) = TimingsFile.Load(_options.TimingsPath);
            if (timingsWarning is not null)
            {
                _console.Error.WriteLine($"nunit-mproc: warning: {timingsWarning}");
                _timingsUnreadable = true;
            }
        }

        RunTrace.Mark("input checked");

        // A node of a shared build takes the build's seed and durations, so every node names and orders its tests alike.
        await using var build = _options.Queue is { } queue ? await ConnectAsync(queue).ConfigureAwait(false) : null;
        if (_options.Queue is not null && build is null)
        {
            return ExitCodes.QueueUnavailable;
        }

        if (build is not null)
        {
            // A job of an earlier attempt that starts after a re-run began runs nothing (checked again when the plan is offered).
            var current = await build.ReadAttemptAsync().ConfigureAwait(false);
            if (current > build.Attempt)
            {
                return _console.Fail(BuildAttempts.Refusal(build.BuildId, build.Attempt, current), ExitCodes.InvalidArgument);
            }

            // A machine without history of its own orders by the durations earlier builds' reports stored.
            if (timings.Count == 0)
            {
                timings = await build.ReadTimingsAsync(_options.Assemblies).ConfigureAwait(false);
            }

            var settled = BuildRecords.DecodeSettings(await build.SettleAsync(BuildRecords.Encode(
                new BuildSettings(_options.RandomSeed ?? RunEntropy.NewSeed(), timings))).ConfigureAwait(false));
            _options = _options with { RandomSeed = settled.RandomSeed };
            timings = settled.Timings;
            _console.Out.WriteLine($"nunit-mproc: node {build.NodeId} of build {build.BuildId}{(build.Attempt > 1 ? $" (attempt {build.Attempt})" : string.Empty)} on {_options.Queue!.Address}");
        }

        // Workers the host could not start early (the input had to be built first) start now.
        await using var lateStart = headStart is null && WorkerHeadStart.Applies(_options) ? WorkerHeadStart.Begin(_options, _logger) : null;
        headStart ??= lateStart;
        var settings = new RunSettings(
            headStart?.Identity.RunId ?? Guid.NewGuid().ToString("N"),
            headStart?.Identity.Secret ?? RunEntropy.NewSecret(),
            _options.Workers,
            [.. _options.Assemblies.Select(Path.GetFullPath)],
            filterXml,
            headStart?.Identity.RandomSeed ?? _options.RandomSeed ?? RunEntropy.NewSeed(),
            timings)
        {
            ReorderTests = _options.ReorderTests,
            NUnit = _options.NUnit,
            MaxFail = _options.MaxFail,
            FailedFirst = _options.FailedFirst ? previouslyFailed : null,
            Shared = build is not null,
        };
        if (_options.ListOnly)
        {
            return await new TestLister(settings, _options.DisableMproc, _console, _logger).ExecuteAsync(interrupted).ConfigureAwait(false);
        }

        var run = new TestRun(settings, _logger, _time)
        {
            RestartsLeft = _options.DisableMproc ? 0 : _options.MaxWorkerRestarts,
            TestTimeout = _options.DisableMproc ? null : _options.TestTimeout,
        };
        var start = _time.GetUtcNow().UtcDateTime;
        _console.Out.WriteLine($"nunit-mproc: {settings.Assemblies.Count} assembl{(settings.Assemblies.Count == 1 ? "y" : "ies")}, "
            + (_options.DisableMproc ? "in-process (--disable-mproc)" : (settings.WorkerCount == 1 ? "1 worker process" : $"{settings.WorkerCount} worker processes")));
        _console.Out.Flush();

        var wasInterrupted = false;
        // Fixture code runs in a fixture host process, started when a test first asks for a fixture;
        // in-process with --disable-mproc, where everything does.
        var fixtureRun = new FixtureRunInfo(settings.RunId, settings.WorkerCount);
        IGlobalFixtureService fixtures = _options.DisableMproc
            ? new GlobalFixtureManager(fixtureRun, onOutput: WriteFixtureLine)
            : new FixtureHostClient(fixtureRun, run.TestTimeout ?? _options.TestTimeout, _time, WriteFixtureLine, _logger);
        // In a shared build a build-scoped fixture is set up once for all nodes, through Redis.
        var buildFixtures = build is null ? null : new BuildFixtures(fixtures, build, run.TestTimeout ?? _options.TestTimeout, CommandLineParser.DefaultInactiveTimeout, _time, WriteLine, WriteQueueWarning, interrupted);
        fixtures = buildFixtures ?? fixtures;
        using var slots = _options.DisableMproc ? null : OpenJobSlots();
        // Worker processes put their events in the event logs their launcher made for them.
        Func<int, Protocol.Transport.EventLogReader?>? eventLogOf = _options.DisableMproc ? null : headStart!.Launcher.TakeEventLog;
        var connection = new WorkerConnection(run, _logger, fixtures, slots, eventLogOf);
        // In-process, the session connects to the run's queue just as a worker process would.
        QueueServer server;
        IWorkerLauncher launcher;
        if (_options.DisableMproc)
        {
            server = QueueServer.Start(settings.RunId, connection.RunAsync, _logger);
            launcher = new InProcessWorkerLauncher(run, server.PipePath, _console.Error);
        }
        else
        {
            server = headStart!.Server;
            launcher = headStart.Launcher;
            headStart.HandOver(run, connection.RunAsync);
        }

        run.Processes = launcher;
        run.ReplacementNeeded += launcher.Start;
        using var node = build is null ? null : new BuildNode(build, run, _options.Queue!.Options, _time, _logger, WriteQueueWarning, WriteQueueNotice, buildFixtures);
        using var nodeStopping = new CancellationTokenSource();
        var linking = node?.RunAsync(nodeStopping.Token) ?? Task.CompletedTask;
        var watchdog = _options.DisableMproc ? null : new TestWatchdog(run, launcher, _time, run.TestTimeout);
        var completed = false;
        Task ending;
        try
        {
            var teamCity = _options.TeamCity ?? !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TeamCityVersionVariable));
            var display = new ProgressDisplay(run, _console.Out, _time, ProgressInterval, TerminalInfo.FromConsole(), _options.Labels, teamCity);
            await using (display.ConfigureAwait(false))
            {
                _display = display;
                if (_options.DisableMproc)
                {
                    for (var id = 0; id < settings.WorkerCount; id++)
                    {
                        launcher.Start(id);
                    }
                }

                try
                {
                    await run.Completion.WaitAsync(interrupted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    wasInterrupted = true;
                    run.Abort("the run was interrupted", ExitCodes.Interrupted);
                    launcher.KillAll();
                }
            }

            if (run.Failure is not null && !wasInterrupted)
            {
                launcher.KillAll();
                return _console.Fail(run.Failure.Message, run.Failure.ExitCode);
            }

            completed = !wasInterrupted;
        }
        finally
        {
            watchdog?.Dispose();
            run.ReplacementNeeded -= launcher.Start;
            if (node is not null && (completed || wasInterrupted))
            {
                // What ran is stored with its units; what this node leased and did not run goes back
                // at once, before a fixture this node set up for the build waits for the build's end.
                await nodeStopping.CancelAsync().ConfigureAwait(false);
                await linking.ConfigureAwait(false);
                await node.FinishAsync().ConfigureAwait(false);
                run.SharedQueueDone();
            }

            ending = EndWorkersAsync(launcher, server, fixtures);

            // Every worker said it was done, so its last test is over: the report need not wait for
            // the processes to exit, unless a global fixture is to be torn down (after they have).
            if (!completed || fixtures.AnyRequested)
            {
                await ending.ConfigureAwait(false);
            }
        }

        RunTrace.Mark("run completed");

        var (selected, withResult) = run.Accounting;
        var notRun = selected - withResult;
        var report = run.BuildReport(
            start,
            _time.GetUtcNow().UtcDateTime,
            _options.CommandLine,
            _options.Where ?? string.Empty,
            wasInterrupted ? null : run.NotRunReason(_options.MaxWorkerRestarts));
        // The timings file and the reports only read the finished report: write them side by side.
        var savingTimings = Task.Run(() => SaveTimings(report, timings), CancellationToken.None);
        LastRun = RunFailures.Of(report);
        if (!wasInterrupted)
        {
            SaveLastFailed(lastFailedPath, previouslyFailed, LastRun);
        }

        if (build is not null)
        {
            await StoreShareAsync(build, run, report).ConfigureAwait(false);
        }

        var exitCode = new RunReportWriter(_options, _filterXml, _console).Write(report, wasInterrupted, selected);
        await savingTimings.ConfigureAwait(false);
        await ending.ConfigureAwait(false);
        RunTrace.Mark("reported");
        if (!wasInterrupted && notRun > 0 && run.RestartsExhausted && exitCode >= 0)
        {
            return _console.Fail(
                $"{notRun} tests were not run: workers crashed or hung more often than --max-worker-restarts {_options.MaxWorkerRestarts} allows",
                ExitCodes.WorkerRestartsExhausted);
        }

        return exitCode;
    }

    /// <summary>Waits for the worker processes to exit (killing those that do not), closes the socket and tears down the global fixtures.</summary>
    private async Task EndWorkersAsync(IWorkerLauncher launcher, QueueServer server, IGlobalFixtureService fixtures)
    {
        await launcher.DisposeAsync().ConfigureAwait(false);
        await server.DisposeAsync().ConfigureAwait(false);

        // Every worker has ended (or was killed): the last test is over, whatever happened.
        foreach (var problem in await fixtures.TearDownAsync().ConfigureAwait(false))
        {
            _console.Error.WriteLine($"nunit-mproc: warning: {problem}");
        }
    }

    private async Task<RedisBuild?> ConnectAsync(QueueSettings queue)
    {
        try
        {
            return await RedisBuild.ConnectAsync(queue.Address, queue.BuildId, queue.NodeId, queue.Options, queue.Attempt).ConfigureAwait(false);
        }
        catch (QueueUnavailableException e)
        {
            _console.Fail(e.Message, ExitCodes.QueueUnavailable);
            return null;
        }
    }

    /// <summary>What this node saw of the build (its suites, its workers), for the build's report.</summary>
    private async Task StoreShareAsync(RedisBuild build, TestRun run, Results.RunReport report)
    {
        var share = new NodeShare(
            build.NodeId,
            report.WorkerCount,
            report.Workers.Sum(w => w.TestsRun),
            report.Workers.Sum(w => w.BusySeconds),
            (report.EndUtc - report.StartUtc).TotalSeconds,
            run.SuiteOutcomes(),
            build.Attempt);
        try
        {
            await build.StoreShareAsync(BuildRecords.Encode(share)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            WriteQueueWarning($"cannot store this node's share of the build: {e.Message.Split('\n', 2)[0]}");
        }
    }

    private void WriteLine(string line)
    {
        _console.Out.WriteLine(line);
        _console.Out.Flush();
    }

    private void WriteQueueWarning(string message)
    {
        _console.Error.WriteLine($"nunit-mproc: warning: {message}");
        _console.Error.Flush();
    }

    private void WriteQueueNotice(string message)
    {
        if (_display?.Notice($"nunit-mproc: {message}") != true)
        {
            _console.Out.WriteLine($"nunit-mproc: {message}");
            _console.Out.Flush();
        }
    }

    /// <summary>A line a global fixture wrote to its context's log, in the run's output under the fixture's name.</summary>
    private void WriteFixtureLine(string fixture, string line)
    {
        if (_display?.FixtureOutput(fixture, line) != true)
        {
            _console.Out.WriteLine($"[{fixture}] {line}");
            _console.Out.Flush();
        }
    }

    private void SaveTimings(Results.RunReport report, IReadOnlyList<Protocol.Messages.TestTiming> previous)
    {
        if (_options.TimingsPath is null || _timingsUnreadable)
        {
            return;
        }

        try
        {
            TimingsFile.Save(_options.TimingsPath, previous, TimingsFile.Measured(report));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _console.Error.WriteLine($"nunit-mproc: warning: cannot write timings file {_options.TimingsPath}: {ex.Message}");
        }
    }

    private void SaveLastFailed(string path, IReadOnlyList<string> previous, RunFailures run)
    {
        if (_lastFailedUnreadable)
        {
            return;
        }

        var failing = LastFailedFile.Update(previous, run.Ran, run.Failed);
        // A run with nothing failing, then or now, leaves no file (and no .mproc folder) behind.
        if (failing.Count == 0 && !File.Exists(path))
        {
            return;
        }

        try
        {
            LastFailedFile.Save(path, failing);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _console.Error.WriteLine($"nunit-mproc: warning: cannot write {path}: {ex.Message}");
        }
    }

    /// <summary>Job slots from a GNU make jobserver, when one is named and usable; null otherwise.</summary>
    private Jobserver.TokenPool? OpenJobSlots()
    {
        var auth = Jobserver.JobserverAuth.Find(_options.Jobserver, Environment.GetEnvironmentVariable);
        if (auth is null)
        {
            return null;
        }

        var client = Jobserver.JobserverClient.TryOpen(auth, out var problem);
        if (client is null)
        {
            _console.Error.WriteLine($"nunit-mproc: notice: {problem}; running {_options.Workers} workers without it");
            return null;
        }

        _console.Out.WriteLine($"nunit-mproc: sharing job slots with the GNU make jobserver ({auth})");
        return new Jobserver.TokenPool(client);
    }
}
