using System.Runtime.CompilerServices;
using Mproc.Protocol.Bridging;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Mproc.NUnitBridge;

/// <summary>
/// Receives NUnit's events on the executing thread (SynchronousEvents) and, before each test or
/// suite does any work, asks the worker whether it runs here. One that does not is marked Skipped,
/// which makes NUnit skip it (and, for a suite, its OneTimeSetUp and every child) without running
/// anything; its results are then not reported, since another worker owns them.
/// </summary>
internal sealed class SessionListener : ITestListener
{
    private readonly SelectedTree _tree;
    private readonly ITestSessionHost _host;
    private readonly int _nodeOffset;
    private readonly HashSet<ITest> _skippedHere = new(ReferenceEqualityComparer.Instance);
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
            _skippedHere.Add(test);
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
        if (index < 0 || _skippedHere.Contains(test))
        {
            return;
        }

        _finished[index] = true;
        var node = _tree.Nodes[index];
        if (node.Ordinal >= 0)
        {
            _runningOrdinal = -1;

            // A test can finish without having started here: a parent's OneTimeSetUp failed and NUnit
            // reports every child. Only this worker's own tests are reported.
            if (_host.ShouldReport(node.Ordinal))
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
            if (index < 0 || _finished[index] || _skippedHere.Contains(child.Test))
            {
                continue;
            }

            _finished[index] = true;
            var node = _tree.Nodes[index];
            var (first, last) = _tree.RangeOf(index);
            if (node.Ordinal >= 0)
            {
                if (_host.ShouldReport(node.Ordinal))
                {
                    _host.TestFinished(node.Ordinal, OutcomeConverter.From(child));
                }

                continue;
            }

            var mine = false;
            for (var ordinal = first; ordinal <= last; ordinal++)
            {
                mine |= _host.ShouldReport(ordinal);
            }

            if (!mine)
            {
                continue;
            }

            ReportSilentChildren(child);
            _host.SuiteFinished(_nodeOffset + index, OutcomeConverter.From(child));
            foreach (var ordinal in _tree.OrdinalsWithoutResultUnder(index, _finished))
            {
                if (_host.ShouldReport(ordinal))
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsUnderSkippedSuite(ITest test)
    {
        for (var parent = test.Parent; parent is not null; parent = parent.Parent)
        {
            if (_skippedHere.Contains(parent))
            {
                return true;
            }
        }

        return false;
    }
}
