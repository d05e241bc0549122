using System.Globalization;
using Mproc.Coordinator.Cli;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Results;
using Mproc.Coordinator.Running;
using Mproc.Coordinator.Scheduling;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Distributed;

/// <summary>
/// <c>nunit-mproc report</c>: waits until the build has reached the report's attempt and every test
/// of its plan has a result (or was given up), then writes the build's merged reports, as one run on
/// one machine would have (a test run again in a later attempt has its latest result), with what
/// ran again and a table of what each node did.
/// </summary>
public static class ReportCommand
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ShareWait = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(ReportOptions options, ConsoleStreams console, TimeProvider? time = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        time ??= TimeProvider.System;
        var queue = options.Queue;
        RedisBuild build;
        try
        {
            build = await RedisBuild.ConnectAsync(queue.Address, queue.BuildId, queue.NodeId, queue.Options, queue.Attempt).ConfigureAwait(false);
        }
        catch (QueueUnavailableException e)
        {
            return console.Fail(e.Message, ExitCodes.QueueUnavailable);
        }

        await using (build.ConfigureAwait(false))
        {
            try
            {
                return await ReportAsync(build, options, console, time, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return console.Fail("interrupted while waiting for the build", ExitCodes.Interrupted);
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException or InvalidDataException)
            {
                return console.Fail($"the shared queue failed: {e.Message.Split('\n', 2)[0]}", ExitCodes.UnexpectedError);
            }
        }
    }

    private static async Task<int> ReportAsync(RedisBuild build, ReportOptions options, ConsoleStreams console, TimeProvider time, CancellationToken cancellation)
    {
        var started = time.GetTimestamp();
        var lastChange = started;
        string? lastState = null;
        BuildPlan? plan = null;
        RunResults? results = null;
        BuildProgress progress;
        string? stoppedWaiting = null;
        var announced = false;
        while (true)
        {
            if (plan is null && await build.ReadPlanAsync().ConfigureAwait(false) is { } storedPlan)
            {
                plan = BuildRecords.DecodePlan(storedPlan);
                results = new RunResults(plan.Assemblies());
            }

            progress = await build.ProgressAsync().ConfigureAwait(false);
            var givenUpTests = plan is null ? 0 : progress.GivenUp.Keys.Sum(u => plan.Units[u].Ordinals.Count);
            var complete = results is not null && progress.Results + givenUpTests >= results.TestCount;
            if (complete && progress.Attempt >= build.Attempt)
            {
                break;
            }

            if (!announced)
            {
                console.Out.WriteLine($"nunit-mproc: waiting for build {build.BuildId}: "
                    + (results is null ? "no node has stored its plan yet"
                        : progress.Attempt < build.Attempt ? $"its attempt {build.Attempt} has not started (it is at attempt {progress.Attempt})"
                        : $"{progress.Results} of {results.TestCount} tests have a result"));
                console.Out.Flush();
                announced = true;
            }

            // Anything a node does (a result, a lease, a renewal, a new attempt) moves this on.
            var state = $"{progress.Activity()}|{plan is null}";
            if (state != lastState)
            {
                lastState = state;
                lastChange = time.GetTimestamp();
            }

            if (time.GetElapsedTime(lastChange) >= options.InactiveTimeout)
            {
                stoppedWaiting = $"no node did anything for --inactive-timeout {Seconds(options.InactiveTimeout)} s";
            }
            else if (options.ReportTimeout is { } limit && time.GetElapsedTime(started) >= limit)
            {
                stoppedWaiting = $"the build was not done within --report-timeout {Seconds(limit)} s";
            }

            if (stoppedWaiting is not null)
            {
                if (complete)
                {
                    // The build's own attempt is whole: report it, and say the later one never came.
                    console.Error.WriteLine($"nunit-mproc: warning: attempt {build.Attempt} of build {build.BuildId} never started ({stoppedWaiting}); this is the report of its attempt {progress.Attempt}");
                    console.Error.Flush();
                    stoppedWaiting = null;
                }

                break;
            }

            await Task.Delay(Poll, time, cancellation).ConfigureAwait(false);
        }

        if (plan is null || results is null)
        {
            return console.Fail($"build {build.BuildId} has no plan in the queue: no node of it started ({stoppedWaiting})", ExitCodes.InvalidArgument);
        }

        // Nodes store their share (suites, workers) just after their last results: wait a little for
        // every node seen in this attempt, not for one that died.
        var sharesBy = time.GetTimestamp();
        while (stoppedWaiting is null && (await ReadSharesAsync(build).ConfigureAwait(false)).Count(s => s.Attempt == progress.Attempt) < progress.NodesLastSeen.Count
            && time.GetElapsedTime(sharesBy) < ShareWait)
        {
            await Task.Delay(Poll / 5, time, cancellation).ConfigureAwait(false);
        }

        var settings = await build.ReadSettingsAsync().ConfigureAwait(false);
        var shares = await ReadSharesAsync(build).ConfigureAwait(false);
        var stored = BuildRecords.DecodeResults(await build.ReadResultsAsync().ConfigureAwait(false));
        var (start, end) = Fill(results, plan, stored, shares, progress, stoppedWaiting, time);

        var report = new RunReport(build.BuildId, start, end, settings?.RandomSeed ?? 0, shares.Sum(s => s.Workers), options.CommandLine, string.Empty, results.Assemblies, []);
        var writerOptions = new MprocOptions([], 0, string.Empty, false, null, options.ResultPath, null, false, options.CommandLine, null, 0)
        {
            JUnitPath = options.JUnitPath,
            TrxPath = options.TrxPath,
            NoCiOutput = options.NoCiOutput,
        };
        if (stoppedWaiting is null)
        {
            // The next builds' plans put the longest tests first by these.
            await build.StoreTimingsAsync(plan.Assemblies().Select(a => a.Path), TimingsFile.Measured(report)).ConfigureAwait(false);
        }

        var selected = results.TestCount - results.UnreportedCount;
        var exitCode = new RunReportWriter(writerOptions, string.Empty, console).Write(report, wasInterrupted: false, selected);
        var setAside = (await build.ReadSetAsideAsync().ConfigureAwait(false)).ToDictionary(e => e.Key, e => BuildRecords.DecodeResult(e.Value), StringComparer.Ordinal);
        WriteRetried(console.Out, progress.Attempt, results, BuildAttempts.Retried(setAside, stored));
        WriteNodes(console.Out, shares, [.. stored.Values], progress.Attempt, progress.LateResults);
        WriteFixtures(console, await build.ReadFixtureEventsAsync().ConfigureAwait(false));
        if (stoppedWaiting is not null)
        {
            var missing = Missing(results, plan, progress);
            console.Error.WriteLine($"nunit-mproc: error: build {build.BuildId} is not complete ({stoppedWaiting}): {missing}");
            console.Error.Flush();
        }

        return exitCode;
    }

    /// <summary>Puts the stored results and suites into the plan's tree; returns the build's first start and last end.</summary>
    private static (DateTime Start, DateTime End) Fill(RunResults results, BuildPlan plan, IReadOnlyDictionary<int, StoredResult> stored, List<NodeShare> shares, BuildProgress progress, string? stoppedWaiting, TimeProvider time)
    {
        long first = long.MaxValue, last = long.MinValue;
        foreach (var (ordinal, result) in stored)
        {
            if (!results.IsValidTest(ordinal))
            {
                continue;
            }

            if (result.Outcome is null)
            {
                results.RecordUnreported(ordinal);
                continue;
            }

            results.RecordTest(result.WorkerId, ordinal, result.Outcome, result.Origin);
            first = Math.Min(first, result.Outcome.StartTicks);
            last = Math.Max(last, result.Outcome.EndTicks);
        }

        // A suite's own outcome is the one of the latest attempt that ran any of its tests.
        var reported = new HashSet<int>();
        foreach (var attempt in shares.GroupBy(s => s.Attempt).OrderByDescending(g => g.Key))
        {
            var suites = attempt.SelectMany(s => s.Suites).Where(s => results.IsValidSuite(s.NodeIndex) && !reported.Contains(s.NodeIndex)).ToList();
            foreach (var suite in suites)
            {
                results.RecordSuite(suite.NodeIndex, suite.Outcome);
            }

            reported.UnionWith(suites.Select(s => s.NodeIndex));
        }

        var now = time.GetUtcNow().UtcDateTime.Ticks;
        if (first == long.MaxValue)
        {
            first = last = now;
        }

        foreach (var (unit, lostBy) in progress.GivenUp)
        {
            var lost = BuildAttempts.Lost(lostBy, last);
            foreach (var ordinal in plan.Units[unit].Ordinals)
            {
                results.RecordTest(-1, ordinal, lost, ResultOrigin.WorkerLost);
            }
        }

        if (stoppedWaiting is not null)
        {
            var unitOf = plan.Units.SelectMany((u, i) => u.Ordinals.Select(o => (Ordinal: o, Unit: i))).ToDictionary(x => x.Ordinal, x => x.Unit);
            foreach (var ordinal in results.Unfinished().ToList())
            {
                var unit = unitOf[ordinal];
                var where = progress.Leased.TryGetValue(unit, out var node) ? $"leased to node {node}" : "never leased";
                results.RecordTest(-1, ordinal, new TestOutcome(TestStatuses.Failed, ResultLabels.Error, "Test",
                    $"not run: the report stopped waiting ({stoppedWaiting}) while it was {where}", null, null, last, last, 0, 0), ResultOrigin.NotRun);
            }
        }

        return (new DateTime(first, DateTimeKind.Utc), new DateTime(Math.Max(first, last), DateTimeKind.Utc));
    }

    /// <summary>The tests without a result when the report stopped waiting, and where they were.</summary>
    private static string Missing(RunResults results, BuildPlan plan, BuildProgress progress)
    {
        var lines = results.Assemblies.SelectMany(a => Tests(a.Root))
            .Where(t => t.Origin == ResultOrigin.NotRun)
            .Take(10)
            .Select(t => t.Node.FullName)
            .ToList();
        var leased = progress.Leased.Count == 0 ? string.Empty : $"; leased: {string.Join(", ", progress.Leased.GroupBy(l => l.Value).Select(g => $"{g.Count()} units to node {g.Key}"))}";
        return $"{lines.Count}{(lines.Count == 10 ? "+" : string.Empty)} tests have no result ({string.Join(", ", lines)}){leased}";
    }

    private static IEnumerable<ResultNode> Tests(ResultNode node) =>
        node.IsTest ? [node] : node.Children.SelectMany(Tests);

    /// <summary>Every node's share, by attempt and node.</summary>
    private static async Task<List<NodeShare>> ReadSharesAsync(RedisBuild build) =>
        [.. (await build.ReadSharesAsync().ConfigureAwait(false)).Select(BuildRecords.DecodeShare).OrderBy(s => s.Attempt).ThenBy(s => s.Node, StringComparer.Ordinal)];

    /// <summary>In a build run again: how many tests that failed in an earlier attempt ran again, how many pass now, and which.</summary>
    private static void WriteRetried(TextWriter output, int attempt, RunResults results, IReadOnlyList<RetriedTest> retried)
    {
        if (attempt == 1)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"Retried (the build is at attempt {attempt})");
        var passed = retried.Count(t => t.PassesNow);
        output.WriteLine(retried.Count == 0
            ? "    no test had failed: nothing ran again"
            : $"    {retried.Count} tests that failed in an earlier attempt ran again: {passed} passed, {retried.Count - passed} failed again");
        foreach (var test in retried.Where(t => t.PassesNow))
        {
            output.WriteLine($"    {results.Test(test.Ordinal).Node.FullName}: {BuildAttempts.History(test)}");
        }
    }

    /// <summary>One line per node (and attempt, in a build run again): tests whose result it gave, busy time over its workers, wall time, utilisation.</summary>
    private static void WriteNodes(TextWriter output, List<NodeShare> shares, List<StoredResult> stored, int attempt, long lateResults)
    {
        output.WriteLine();
        output.WriteLine("Nodes");
        output.WriteLine("    node                      workers    tests    busy (s)    wall (s)   utilisation");
        string Name(string node, int of) => attempt == 1 ? node : $"{node} (attempt {of})";
        var counts = stored.GroupBy(r => Name(r.Node, r.Attempt)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var share in shares)
        {
            var utilisation = share.WallSeconds > 0 && share.Workers > 0 ? 100 * share.BusySeconds / (share.WallSeconds * share.Workers) : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {Name(share.Node, share.Attempt),-25} {share.Workers,7} {counts.GetValueOrDefault(Name(share.Node, share.Attempt)),8} {share.BusySeconds,11:0.000} {share.WallSeconds,11:0.000} {utilisation,12:0.0}%"));
        }

        foreach (var (node, count) in counts.Where(c => !shares.Exists(s => Name(s.Node, s.Attempt) == c.Key)))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {node,-25} {"?",7} {count,8}   (stored no share: it stopped before its end)"));
        }

        if (lateResults > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {lateResults} late results dropped (their lease had expired and another node ran the test)"));
        }

        output.Flush();
    }

    /// <summary>
    /// Where each global fixture was set up and torn down, in order; a TearDown's problems are also
    /// warnings on standard error, as on one machine (a SetUp's error is in the results of the tests that asked).
    /// </summary>
    private static void WriteFixtures(ConsoleStreams console, IReadOnlyList<FixtureEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        console.Out.WriteLine();
        console.Out.WriteLine("Global fixtures");
        foreach (var fixture in events.GroupBy(e => e.Fixture))
        {
            console.Out.WriteLine($"    {fixture.Key}: {string.Join("; ", fixture.Select(e => e.Describe()))}");
        }

        console.Out.Flush();
        foreach (var tornDown in events.Where(e => e.Stage == FixtureStage.TearDown))
        {
            foreach (var problem in tornDown.Problems)
            {
                console.Error.WriteLine($"nunit-mproc: warning: {problem} (node {tornDown.Node})");
            }
        }

        console.Error.Flush();
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
