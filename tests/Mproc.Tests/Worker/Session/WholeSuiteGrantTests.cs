using Mproc.Protocol.Bridging;
using Mproc.Protocol.Messages;
using Mproc.Tests.Infrastructure;
using Mproc.Worker.Loading;
using Xunit;

namespace Mproc.Tests.Worker.Session;

/// <summary>
/// NUnit skips or fails some suites as a whole (ignored, explicit, platform-excluded fixtures, a
/// OneTimeSetUp that throws, ignores, is inconclusive or (NUnit 5) passes, a fixture that cannot be
/// constructed, a namespace SetUpFixture that throws) and reports their tests finished without
/// starting them. Wherever the grants' boundaries fall - every block size, every first block, one
/// worker or two - every test is reported exactly once, by one worker, with serial NUnit's result,
/// label, site and message. The real NUnit session runs; only the coordinator is scripted.
/// </summary>
public sealed class WholeSuiteGrantTests
{
    public static TheoryData<int> Versions => new() { 3, 4, 5 };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task EveryGrantBoundary_EveryTestReportedOnce_AsSerialNUnit(int nunitMajor)
    {
        var assembly = TestAssets.WholeSuitesFor(nunitMajor);
        var reference = await ReferenceRun.RunAsync(assembly);
        var workers = new[] { Open(assembly), Open(assembly) };
        var names = workers[0].Discovery.Nodes.Where(n => n.Ordinal >= 0).ToDictionary(n => n.Ordinal, n => n.FullName);
        var testCount = names.Count;
        Assert.Equal(reference.Results.Keys.Order(StringComparer.Ordinal), names.Values.Order(StringComparer.Ordinal));

        var problems = new List<string>();
        await ReferenceRun.OneRunAtATime.WaitAsync();
        try
        {
            foreach (var workerCount in new[] { 1, 2 })
            {
                for (var blockSize = 1; blockSize <= testCount; blockSize++)
                {
                    for (var firstBlock = 0; firstBlock < blockSize; firstBlock++)
                    {
                        var hosts = Enumerable.Range(0, workerCount)
                            .Select(w => new PartitionedHost(testCount, firstBlock, blockSize, workerCount, w))
                            .ToList();
                        for (var w = 0; w < workerCount; w++)
                        {
                            workers[w].Run(hosts[w]);
                        }

                        var layout = $"{workerCount} worker(s), first block {firstBlock}, blocks of {blockSize}";
                        problems.AddRange(Compare(layout, hosts, names, reference));
                    }
                }
            }
        }
        finally
        {
            ReferenceRun.OneRunAtATime.Release();
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems, the first ones:\n{string.Join('\n', problems.Take(20))}");
    }

    private static ITestSession Open(string assembly)
    {
        var session = SessionFactory.Load(assembly, ReferenceRun.DefaultRandomSeed, []).Session;
        session.SelectTests(new SessionSettings(string.Empty, 0, ExpectedDurations.None), 0);
        return session;
    }

    private static IEnumerable<string> Compare(string layout, List<PartitionedHost> hosts, Dictionary<int, string> names, ReferenceRun reference)
    {
        foreach (var duplicate in hosts.SelectMany(h => h.Duplicates))
        {
            yield return $"{layout}: {names[duplicate]} reported twice by one worker";
        }

        foreach (var (ordinal, name) in names)
        {
            var reports = hosts.Where(h => h.Reported.ContainsKey(ordinal)).Select(h => h.Reported[ordinal]).ToList();
            if (reports.Count != 1)
            {
                yield return $"{layout}: {name} reported by {reports.Count} workers";
                continue;
            }

            var expected = reference.Results[name];
            var actual = reports[0];
            var same = expected.Result == actual.Status
                && (expected.Label ?? string.Empty) == actual.Label
                && (expected.Site ?? "Test") == (string.IsNullOrEmpty(actual.Site) ? "Test" : actual.Site)
                && (expected.Message ?? string.Empty).Trim() == (actual.Message ?? string.Empty).Trim();
            if (!same)
            {
                yield return $"{layout}: {name}: serial NUnit gave {expected}, the worker {actual.Status}/{actual.Label}/{actual.Site}: {actual.Message}";
            }
        }
    }
}
