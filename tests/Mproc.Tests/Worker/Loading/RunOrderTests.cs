using Mproc.Protocol.Bridging;
using Mproc.Protocol.Messages;
using Mproc.Tests.Infrastructure;
using Mproc.Worker.Loading;
using Xunit;

namespace Mproc.Tests.Worker.Loading;

/// <summary>
/// Ordinals are the order NUnit reaches the tests in: a worker claims by ordinal, so the discovered
/// order must be the one NUnit's run really takes, for every framework version, with [Order]
/// fixtures and tests, with a filter, and with history that reorders the tree.
/// </summary>
public sealed class RunOrderTests
{
    public static TheoryData<int> Versions => new() { 3, 4, 5 };

    [Theory]
    [MemberData(nameof(Versions))]
    public void DiscoveredOrder_IsTheOrderNUnitRunsIn(int nunitMajor)
    {
        var (discovered, ran) = DiscoverAndRun(nunitMajor, new SessionSettings(string.Empty, 0, ExpectedDurations.None));

        Assert.Contains(discovered, name => name.EndsWith("OrderedTests.AlsoFirst", StringComparison.Ordinal));
        AssertRanInDiscoveredOrder(discovered, ran);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void DiscoveredOrder_WithAFilter_IsTheOrderNUnitRunsIn(int nunitMajor)
    {
        const string filter = "<filter><or><class>Outcomes.Basic.OrderedTests</class><class>Outcomes.Basic.PassingTests</class></or></filter>";

        var (discovered, ran) = DiscoverAndRun(nunitMajor, new SessionSettings(filter, 0, ExpectedDurations.None));

        Assert.InRange(discovered.Count, 4, 40);
        AssertRanInDiscoveredOrder(discovered, ran);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void DiscoveredOrder_ReorderedByHistory_IsTheOrderNUnitRunsIn(int nunitMajor)
    {
        var (plain, _) = DiscoverAndRun(nunitMajor, new SessionSettings(string.Empty, 0, ExpectedDurations.None));
        var history = ExpectedDurations.Of(plain.Select((name, i) => (name, (double)i)));

        var (discovered, ran) = DiscoverAndRun(nunitMajor, new SessionSettings(string.Empty, 0, history));

        Assert.NotEqual(plain, discovered);
        AssertRanInDiscoveredOrder(discovered, ran);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void History_ReordersFixturesLongestFirst_KeepsNUnitsOrderInsideEachFixture(int nunitMajor)
    {
        var plain = Discover(nunitMajor, new SessionSettings(string.Empty, 0, ExpectedDurations.None));
        var history = LaterIsLonger(plain);

        var discovered = Discover(nunitMajor, new SessionSettings(string.Empty, 0, history));

        Assert.NotEqual(FixtureOrder(plain), FixtureOrder(discovered));
        Assert.Equal(FixtureOrder(plain).Order(StringComparer.Ordinal), FixtureOrder(discovered).Order(StringComparer.Ordinal));
        foreach (var fixture in FixtureOrder(plain))
        {
            Assert.Equal(TestsOf(plain, fixture), TestsOf(discovered, fixture));
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void History_WithReorderTests_RunsTheTestsInsideAFixtureLongestFirst(int nunitMajor)
    {
        var plain = Discover(nunitMajor, new SessionSettings(string.Empty, 0, ExpectedDurations.None));
        var history = LaterIsLonger(plain);

        var discovered = Discover(nunitMajor, new SessionSettings(string.Empty, 0, history, ReorderTests: true));

        const string fixture = "Outcomes.Basic.PassingTests";
        Assert.True(TestsOf(plain, fixture).Count >= 3);
        Assert.Equal(TestsOf(plain, fixture).AsEnumerable().Reverse(), TestsOf(discovered, fixture));
    }

    /// <summary>Durations that grow with NUnit's order: the later a test, the longer.</summary>
    private static ExpectedDurations LaterIsLonger(List<TestNode> plain) =>
        ExpectedDurations.Of(plain.Where(n => n.Ordinal >= 0).Select((n, i) => (n.FullName, (double)i)));

    private static List<TestNode> Discover(int nunitMajor, SessionSettings settings)
    {
        var session = SessionFactory.Load(TestAssets.OutcomesFor(nunitMajor), 7, []).Session;
        session.SelectTests(settings, 0);
        return [.. session.Discovery.Nodes];
    }

    /// <summary>Full names of the fixtures (with tests) in run order.</summary>
    private static List<string> FixtureOrder(List<TestNode> nodes) =>
        [.. nodes.Where(n => n.Ordinal >= 0).Select(n => FixtureOf(nodes, n)).Distinct()];

    /// <summary>The tests under one fixture, in run order.</summary>
    private static List<string> TestsOf(List<TestNode> nodes, string fixture) =>
        [.. nodes.Where(n => n.Ordinal >= 0 && FixtureOf(nodes, n) == fixture).Select(n => n.FullName)];

    private static string FixtureOf(List<TestNode> nodes, TestNode test)
    {
        for (var index = test.ParentIndex; index >= 0; index = nodes[index].ParentIndex)
        {
            if (nodes[index].TestType is "TestFixture" or "GenericFixture")
            {
                return nodes[index].FullName;
            }
        }

        return string.Empty;
    }

    /// <summary>
    /// NUnit starts every discovered test, in discovered order, except those under a fixture whose
    /// OneTimeSetUp failed (they get a result without starting).
    /// </summary>
    private static void AssertRanInDiscoveredOrder(List<string> discovered, List<string> ran)
    {
        var started = ran.ToHashSet(StringComparer.Ordinal);
        Assert.Equal(discovered.Where(started.Contains), ran);
        Assert.All(discovered.Where(name => !started.Contains(name)), name => Assert.Contains("BrokenOneTimeSetUp", name, StringComparison.Ordinal));
    }

    private static (List<string> Discovered, List<string> Ran) DiscoverAndRun(int nunitMajor, SessionSettings settings)
    {
        var session = SessionFactory.Load(TestAssets.OutcomesFor(nunitMajor), 7, []).Session;
        session.SelectTests(settings, 0);
        var tests = session.Discovery.Nodes.Where(n => n.Ordinal >= 0).ToList();
        var host = new RunEverything();
        ReferenceRun.OneRunAtATime.Wait();
        try
        {
            session.Run(host);
        }
        finally
        {
            ReferenceRun.OneRunAtATime.Release();
        }

        var byOrdinal = tests.ToDictionary(n => n.Ordinal, n => n.FullName);
        return ([.. tests.Select(n => n.FullName)], [.. host.Started.Select(o => byOrdinal[o])]);
    }

    private sealed class RunEverything : ITestSessionHost
    {
        public List<int> Started { get; } = [];

        public bool ShouldRunTest(int ordinal) => true;

        public bool ShouldRunSuite(int firstOrdinal, int lastOrdinal) => true;

        public void TestStarted(int ordinal) => Started.Add(ordinal);

        public void SuiteStarted(int nodeIndex)
        {
        }

        public void TestFinished(int ordinal, TestOutcome outcome)
        {
        }

        public void TestUnreported(int ordinal)
        {
        }

        public void SuiteFinished(int nodeIndex, TestOutcome outcome)
        {
        }
    }
}
