using System.Runtime.CompilerServices;
using Mproc.Protocol.Bridging;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Mproc.NUnitBridge;

/// <summary>
/// Receives NUnit's events on the executing thread (SynchronousEvents) and, before each test or
/// suite does any work, asks the worker whether it runs here. One that does not is marked Skipped,
/// which makes NUnit skip it (and, for a suite, its OneTimeSetUp and every child) without running
/// anything; its results are then not reported, since another worker owns them. When NUnit skips
/// or fails a suite as a whole, it reports its tests finished without starting them: each one not
/// under a suite skipped here is claimed then, as its start would have been, and reported when it
/// is this worker's. At the end of the run the tests marked Skipped get their own state back, so
/// the loaded tree can run again.
/// </summary>
internal sealed class SessionListener : ITestListener
{
    private readonly SelectedTree _tree;
    private readonly ITestSessionHost _host;
    private readonly int _nodeOffset;
    // Tests and suites this worker left to others, with the run state NUnit gave them.
    private readonly Dictionary<ITest, RunState> _skippedHere = new(ReferenceEqualityComparer.Instance);
    private readonly bool[] _finished;
    private volatile int _runningOrdinal = -1;

    public SessionListener(SelectedTree tree, ITestSessionHost host, int nodeOffset)
    {
        _tree = tree;
        _host = host;
        _nodeOffset = nodeOffset;
        _finished = new bool[tree.Nodes.Count];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void TestStarted(ITest test)
    {
        var index = _tree.IndexOf(test);
        if (index < 0)
        {
            return;
        }

        var (first, last) = _tree.RangeOf(index);
        var node = _tree.Nodes[index];
        var runsHere = node.Ordinal >= 0 ? _host.ShouldRunTest(node.Ordinal) : first > last || _host.ShouldRunSuite(first, last);
        if (!runsHere)
        {
            _skippedHere.TryAdd(test, test.RunState);
            ((Test)test).RunState = RunState.Skipped;
            return;
        }

        if (node.Ordinal >= 0)
        {
            _runningOrdinal = node.Ordinal;
            _host.TestStarted(node.Ordinal);
        }
        else
        {
            _host.SuiteStarted(_nodeOffset + index);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void TestFinished(ITestResult result)
    {
        var test = result.Test;
        var index = _tree.IndexOf(test);
        if (index < 0 || _skippedHere.ContainsKey(test))
        {
            return;
        }

        _finished[index] = true;
        var node = _tree.Nodes[index];
        if (node.Ordinal >= 0)
        {
            var startedHere = _runningOrdinal == node.Ordinal;
            _runningOrdinal = -1;

            // A test can finish without having started: NUnit skipped or failed a suite above it as a
            // whole (ignored, explicit or excluded; its OneTimeSetUp threw, ignored or passed; its
            // fixture could not be constructed) and reports every child. Under a suite left to another
            // worker it is that worker's; otherwise it is claimed here as its start would have been.
            if (startedHere || (!IsUnderSkippedSuite(test) && _host.ShouldRunTest(node.Ordinal)))
            {
                _host.TestFinished(node.Ordinal, OutcomeConverter.From(result));
            }
        }
        else if (!IsUnderSkippedSuite(test))
        {
            ReportSilentChildren(result);
            _host.SuiteFinished(_nodeOffset + index, OutcomeConverter.From(result));
        }
    }

    /// <summary>
    /// Children NUnit finished without telling the listener: NUnit 5 puts a dependent whose
    /// dependency did not pass into its parent's result as skipped, with no events, and a skipped
    /// dependent fixture without any result for its own children. This worker's are reported as
    /// NUnit's result has them; tests under such a fixture have no result in NUnit's report, which
    /// the worker says instead.
    /// </summary>
    private void ReportSilentChildren(ITestResult suite)
    {
        foreach (var child in suite.Children)
        {
            var index = _tree.IndexOf(child.Test);
            if (index < 0 || _finished[index] || _skippedHere.ContainsKey(child.Test))
            {
                continue;
            }

            _finished[index] = true;
            var node = _tree.Nodes[index];
            var (first, last) = _tree.RangeOf(index);
            // Claimed here, as their start would have been (they are usually granted already, with
            // the dependency chain they belong to).
            if (node.Ordinal >= 0)
            {
                if (_host.ShouldRunTest(node.Ordinal))
                {
                    _host.TestFinished(node.Ordinal, OutcomeConverter.From(child));
                }

                continue;
            }

            if (first > last || !_host.ShouldRunSuite(first, last))
            {
                continue;
            }

            ReportSilentChildren(child);
            _host.SuiteFinished(_nodeOffset + index, OutcomeConverter.From(child));
            foreach (var ordinal in _tree.OrdinalsWithoutResultUnder(index, _finished))
            {
                if (_host.ShouldRunTest(ordinal))
                {
                    _host.TestUnreported(ordinal);
                }
            }
        }
    }

    /// <summary>Live output (TestContext.Progress, Console.Error); Console.Out stays in the test's result.</summary>
    public void TestOutput(TestOutput output)
    {
        if (output is null || string.IsNullOrEmpty(output.Text) || output.Stream == "Out")
        {
            return;
        }

        _host.TestOutput(_runningOrdinal, output.Stream, output.Text);
    }

    public void SendMessage(TestMessage message)
    {
    }

    /// <summary>Gives the tests and suites skipped here their own run state back, once the run has ended.</summary>
    public void RestoreRunStates()
    {
        foreach (var (test, runState) in _skippedHere)
        {
            ((Test)test).RunState = runState;
        }

        _skippedHere.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsUnderSkippedSuite(ITest test)
    {
        for (var parent = test.Parent; parent is not null; parent = parent.Parent)
        {
            if (_skippedHere.ContainsKey(parent))
            {
                return true;
            }
        }

        return false;
    }
}
