using System.Globalization;
using Mproc.Coordinator.Cli;
using Mproc.Coordinator.Reporting;
using Mproc.Coordinator.Results;
using Mproc.Coordinator.Running;
using Mproc.Coordinator.Scheduling;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Distributed;

/// <summary>
/// <c>nunit-mproc report</c>: waits until every test of a shared build's plan has a result (or
/// was given up), then writes the build's merged reports, as one run on one machine would have,
/// with a table of what each node did.
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
            build = await RedisBuild.ConnectAsync(queue.Address, queue.BuildId, queue.NodeId, queue.Options).ConfigureAwait(false);
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
            if (results is not null && progress.Results + givenUpTests >= results.TestCount)
            {
                break;
            }

            if (!announced)
            {
                console.Out.WriteLine($"nunit-mproc: waiting for build {build.BuildId}: "
                    + (results is null ? "no node has stored its plan yet" : $"{progress.Results} of {results.TestCount} tests have a result"));
                console.Out.Flush();
                announced = true;
            }

            // Anything a node does (a result, a lease, a renewal) moves this on.
            var state = $"{progress.Activity()}|{plan is null}";
            if (state != lastState)
            {
                lastState = state;
                lastChange = time.GetTimestamp();
            }

            if (time.GetElapsedTime(lastChange) >= options.InactiveTimeout)
            {
                stoppedWaiting = $"no node did anything for --inactive-timeout {Seconds(options.InactiveTimeout)} s";
                break;
            }

            if (options.ReportTimeout is { } limit && time.GetElapsedTime(started) >= limit)
            {
                stoppedWaiting = $"the build was not done within --report-timeout {Seconds(limit)} s";
                break;
            }

            await Task.Delay(Poll, time, cancellation).ConfigureAwait(false);
        }

        if (plan is null || results is null)
        {
            return console.Fail($"build {build.BuildId} has no plan in the queue: no node of it started ({stoppedWaiting})", ExitCodes.InvalidArgument);
        }

        // Nodes store their share (suites, workers) just after their last results: wait a little for
        // every node seen, not for one that died.
        var sharesBy = time.GetTimestamp();
        while (stoppedWaiting is null && (await build.ReadSharesAsync().ConfigureAwait(false)).Count < progress.NodesLastSeen.Count
            && time.GetElapsedTime(sharesBy) < ShareWait)
        {
            await Task.Delay(Poll / 5, time, cancellation).ConfigureAwait(false);
        }

        var settings = await build.ReadSettingsAsync().ConfigureAwait(false);
        var shares = (await build.ReadSharesAsync().ConfigureAwait(false)).Select(BuildRecords.DecodeShare).OrderBy(s => s.Node, StringComparer.Ordinal).ToList();
        var stored = await build.ReadResultsAsync().ConfigureAwait(false);
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
        WriteNodes(console.Out, shares, stored.Values.Select(BuildRecords.DecodeResult).ToList(), progress.LateResults);
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
    private static (DateTime Start, DateTime End) Fill(RunResults results, BuildPlan plan, IReadOnlyDictionary<string, byte[]> stored, List<NodeShare> shares, BuildProgress progress, string? stoppedWaiting, TimeProvider time)
    {
        long first = long.MaxValue, last = long.MinValue;
        foreach (var (key, value) in stored)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) || !results.IsValidTest(ordinal))
            {
                continue;
            }

            var result = BuildRecords.DecodeResult(value);
            if (result.Outcome is null)
            {
                results.RecordUnreported(ordinal);
                continue;
            }

            results.RecordTest(result.WorkerId, ordinal, result.Outcome, result.Origin);
            first = Math.Min(first, result.Outcome.StartTicks);
            last = Math.Max(last, result.Outcome.EndTicks);
        }

        foreach (var share in shares)
        {
            foreach (var suite in share.Suites.Where(s => results.IsValidSuite(s.NodeIndex)))
            {
                results.RecordSuite(suite.NodeIndex, suite.Outcome);
            }
        }

        var now = time.GetUtcNow().UtcDateTime.Ticks;
        if (first == long.MaxValue)
        {
            first = last = now;
        }

        foreach (var (unit, lostBy) in progress.GivenUp)
        {
            var message = $"lost with {string.Join(" and ", lostBy.Select(n => $"node {n}"))}: its lease expired {lostBy.Count} times (--max-lost), so it was not handed out again";
            foreach (var ordinal in plan.Units[unit].Ordinals)
            {
                results.RecordTest(-1, ordinal, new TestOutcome(TestStatuses.Failed, ResultLabels.Error, "Test", message, null, null, last, last, 0, 0), ResultOrigin.WorkerLost);
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

    /// <summary>One line per node: tests run, busy time over its workers, wall time, utilisation.</summary>
    private static void WriteNodes(TextWriter output, List<NodeShare> shares, List<StoredResult> stored, long lateResults)
    {
        output.WriteLine();
        output.WriteLine("Nodes");
        output.WriteLine("    node                      workers    tests    busy (s)    wall (s)   utilisation");
        var counts = stored.GroupBy(r => r.Node).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var share in shares)
        {
            var utilisation = share.WallSeconds > 0 && share.Workers > 0 ? 100 * share.BusySeconds / (share.WallSeconds * share.Workers) : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {share.Node,-25} {share.Workers,7} {counts.GetValueOrDefault(share.Node),8} {share.BusySeconds,11:0.000} {share.WallSeconds,11:0.000} {utilisation,12:0.0}%"));
        }

        foreach (var (node, count) in counts.Where(c => !shares.Exists(s => s.Node == c.Key)))
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
