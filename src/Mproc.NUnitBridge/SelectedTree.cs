using Mproc.Protocol.Messages;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Execution;

namespace Mproc.NUnitBridge;

/// <summary>
/// The selected tests of a loaded assembly in the exact order NUnit will run them, read from the
/// work-item tree NUnit's own WorkItemBuilder makes (public and the same in 3.14, 4.x and 5.x): it
/// applies the filter to test cases, keeps suites with a selected descendant, and orders children
/// by whatever rules the framework version has ([Order], NUnit 5's dependencies).
/// </summary>
internal sealed class SelectedTree
{
    private readonly Dictionary<ITest, int> _nodeIndex = new(ReferenceEqualityComparer.Instance);
    private readonly List<TestNode> _nodes = [];
    private readonly List<(int First, int Last)> _ranges = [];
    private int _nextOrdinal;

    private SelectedTree(int ordinalOffset) => _nextOrdinal = ordinalOffset;

    public IReadOnlyList<TestNode> Nodes => _nodes;

    public int TestCount { get; private set; }

    public static SelectedTree Build(ITest root, ITestFilter filter, int ordinalOffset)
    {
        var tree = new SelectedTree(ordinalOffset);
        var work = BuildWorkItems(root, filter) ?? throw new InvalidOperationException("NUnit built no work item for the assembly.");
        tree.Add(work, parentIndex: -1);
        return tree;
    }

    /// <summary>
    /// NUnit's own work-item tree: its children are in the order NUnit will run them, whatever
    /// ordering rules the framework version has ([Order], NUnit 5's dependencies). Creating work
    /// items runs nothing.
    /// </summary>
#pragma warning disable CS0618 // Obsolete in 3.14 only; the one public way to get NUnit's run order.
    private static WorkItem? BuildWorkItems(ITest root, ITestFilter filter) =>
        WorkItemBuilder.CreateWorkItem(root, filter, recursive: true);
#pragma warning restore CS0618

    private void Add(WorkItem work, int parentIndex)
    {
        var test = work.Test;
        if (work is not CompositeWorkItem composite)
        {
            var ordinal = _nextOrdinal++;
            TestCount++;
            AddNode(test, parentIndex, ordinal);
            _ranges.Add((ordinal, ordinal));
            return;
        }

        var index = AddNode(test, parentIndex, -1);
        _ranges.Add((0, -1));
        var first = _nextOrdinal;
        foreach (var child in composite.Children)
        {
            Add(child, index);
        }

        _ranges[index] = (first, _nextOrdinal - 1);
    }

    /// <summary>Index of a test or suite in <see cref="Nodes"/>, or -1 when it was not selected.</summary>
    public int IndexOf(ITest test) => _nodeIndex.TryGetValue(test, out var index) ? index : -1;

    /// <summary>Inclusive ordinal range of the tests under a node; First > Last when it has none.</summary>
    public (int First, int Last) RangeOf(int nodeIndex) => _ranges[nodeIndex];

    private int AddNode(Test test, int parentIndex, int ordinal)
    {
        var index = _nodes.Count;
        _nodeIndex[test] = index;
        _nodes.Add(new TestNode(
            parentIndex,
            ordinal,
            test.Id,
            test.TestType,
            test.Name,
            test.FullName,
            test.ClassName,
            test.MethodName,
            test.RunState.ToString(),
            test.Seed,
            PropertiesOf(test)));
        return index;
    }

    private static List<string> PropertiesOf(Test test)
    {
        var result = new List<string>();
        foreach (var key in test.Properties.Keys)
        {
            foreach (var value in test.Properties[key])
            {
                result.Add(key);
                result.Add(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }

        return result;
    }
}
