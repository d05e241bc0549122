using Mproc.Coordinator.Results;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Running;

/// <summary>
/// The merged result tree of a run, built from the reference discovery and filled as workers
/// report. Not thread-safe: the caller serializes access.
/// </summary>
public sealed class RunResults
{
    private readonly ResultNode[] _tests;
    private readonly List<ResultNode> _nodes = [];
    private readonly HashSet<int> _unreported = [];

    public RunResults(IReadOnlyList<AssemblyDiscovery> discovery)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        var assemblies = new List<AssemblyReport>();
        var tests = new List<ResultNode>();
        foreach (var assembly in discovery)
        {
            var local = new List<ResultNode>(assembly.Nodes.Count);
            foreach (var node in assembly.Nodes)
            {
                var parent = node.ParentIndex >= 0 ? local[node.ParentIndex] : null;
                var resultNode = new ResultNode(node, parent);
                parent?.Children.Add(resultNode);
                local.Add(resultNode);
                if (node.Ordinal >= 0)
                {
                    tests.Add(resultNode);
                }
            }

            _nodes.AddRange(local);
            HideSuitesWithoutTests(local);
            if (local.Count > 0)
            {
                assemblies.Add(new AssemblyReport(assembly.Path, assembly.FrameworkVersion, local[0]));
            }
        }

        _tests = [.. tests.OrderBy(t => t.Node.Ordinal)];
        Assemblies = assemblies;
    }

    public IReadOnlyList<AssemblyReport> Assemblies { get; }

    /// <summary>
    /// NUnit creates a work item for a suite below the assembly only when a test under it is
    /// selected, so a suite without test cases (an empty TestCaseSource, say) has no result in its
    /// report: leave it out of the report's tree too. It keeps its node index for suite events.
    /// </summary>
    private static void HideSuitesWithoutTests(List<ResultNode> preOrder)
    {
        for (var i = preOrder.Count - 1; i > 0; i--)
        {
            var node = preOrder[i];
            if (!node.IsTest && node.Children.Count == 0)
            {
                node.Parent?.Children.Remove(node);
            }
        }
    }

    public int TestCount => _tests.Length;

    /// <summary>Tests with a result, and those NUnit reports none for (<see cref="RecordUnreported"/>).</summary>
    public int FinishedCount { get; private set; }

    public int FailedCount { get; private set; }

    /// <summary>Tests NUnit reports no result for (<see cref="RecordUnreported"/>).</summary>
    public int UnreportedCount => _unreported.Count;

    public ResultNode Test(int ordinal) => _tests[ordinal];

    /// <summary>Records a test's result; false when it already had one (a protocol error upstream).</summary>
    public bool RecordTest(int workerId, int ordinal, TestOutcome outcome, ResultOrigin origin = ResultOrigin.NUnit)
    {
        var test = _tests[ordinal];
        if (test.Outcome is not null || _unreported.Contains(ordinal))
        {
            return false;
        }

        test.Outcome = outcome;
        test.WorkerId = workerId;
        test.Origin = origin;
        FinishedCount++;
        if (outcome.Status == "Failed")
        {
            FailedCount++;
        }

        return true;
    }

    /// <summary>
    /// A test NUnit reports no result for (see <see cref="TestUnreported"/>): it leaves the tree, so
    /// no report has it, as NUnit's has not, and it counts as done. False when it already had a result.
    /// </summary>
    public bool RecordUnreported(int ordinal)
    {
        var test = _tests[ordinal];
        if (test.Outcome is not null || !_unreported.Add(ordinal))
        {
            return false;
        }

        test.Parent?.Children.Remove(test);
        FinishedCount++;
        return true;
    }

    /// <summary>
    /// Tests run elsewhere (on another machine of a shared build) leave this report, as tests NUnit
    /// reports no result for do, and so do the suites left without tests by that (but not the
    /// assembly's own suite).
    /// </summary>
    public void LeaveOut(IEnumerable<int> ordinals)
    {
        ArgumentNullException.ThrowIfNull(ordinals);
        foreach (var ordinal in ordinals)
        {
            RecordUnreported(ordinal);
        }

        for (var i = _nodes.Count - 1; i >= 0; i--)
        {
            var node = _nodes[i];
            if (!node.IsTest && node.Parent is not null && node.Children.Count == 0 && node.Outcome is null)
            {
                node.Parent.Children.Remove(node);
            }
        }
    }

    /// <summary>Keeps, per suite, the most severe outcome any worker reported for the suite itself.</summary>
    public void RecordSuite(int nodeIndex, TestOutcome outcome)
    {
        var suite = _nodes[nodeIndex];
        if (suite.Outcome is null || Severity(outcome) > Severity(suite.Outcome))
        {
            suite.Outcome = outcome;
        }
    }

    /// <summary>The suite with this node index (see <see cref="IsValidSuite"/>).</summary>
    public ResultNode Suite(int nodeIndex) => _nodes[nodeIndex];

    /// <summary>Ordinals of the tests under a suite.</summary>
    public List<int> TestsUnder(int nodeIndex)
    {
        var ordinals = new List<int>();
        var pending = new Stack<ResultNode>([_nodes[nodeIndex]]);
        while (pending.TryPop(out var node))
        {
            if (node.IsTest)
            {
                ordinals.Add(node.Node.Ordinal);
            }

            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }

        return ordinals;
    }

    public bool IsValidSuite(int nodeIndex) => nodeIndex >= 0 && nodeIndex < _nodes.Count && !_nodes[nodeIndex].IsTest;

    public bool IsValidTest(int ordinal) => ordinal >= 0 && ordinal < _tests.Length;

    /// <summary>Every suite's own outcome that a worker reported, by node index.</summary>
    public List<SuiteFinished> SuiteOutcomes() =>
        [.. _nodes.Select((node, index) => (node, index)).Where(n => !n.node.IsTest && n.node.Outcome is not null).Select(n => new SuiteFinished(n.index, n.node.Outcome!))];

    /// <summary>Ordinals of tests without a result.</summary>
    public IEnumerable<int> Unfinished() => _tests.Where(t => t.Outcome is null && !_unreported.Contains(t.Node.Ordinal)).Select(t => t.Node.Ordinal);

    private static int Severity(TestOutcome outcome)
    {
        var status = outcome.Status switch
        {
            "Failed" => 8,
            "Warning" => 6,
            "Inconclusive" => 4,
            "Skipped" => 2,
            _ => 0,
        };
        var ownSite = outcome.Site is "SetUp" or "TearDown" ? 1 : 0;
        return status + ownSite;
    }
}
