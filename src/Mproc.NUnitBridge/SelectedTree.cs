using Mproc.Protocol.Messages;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Execution;

namespace Mproc.NUnitBridge;

/// <summary>
/// The selected tests of a loaded assembly in the exact order NUnit will run them, read from
/// NUnit's own work-item tree. Should that API be missing, a fallback mirrors NUnit's WorkItemBuilder (identical in 3.14, 4.x and 5.x): the filter is applied to test
/// cases only, a suite exists when it has a selected descendant, and children carrying an Order
/// property go first, sorted by List.Sort over the same inputs (so the same permutation).
/// </summary>
internal sealed class SelectedTree
{
    private const string OrderProperty = "Order";

    private readonly Dictionary<ITest, int> _nodeIndex = new(ReferenceEqualityComparer.Instance);
    private readonly List<TestNode> _nodes = [];
    private readonly List<(int First, int Last)> _ranges = [];
    private int _nextOrdinal;

    private SelectedTree(int ordinalOffset) => _nextOrdinal = ordinalOffset;

    public IReadOnlyList<TestNode> Nodes => _nodes;

    public int TestCount { get; private set; }

    public static SelectedTree Build(ITest root, ITestFilter filter, int ordinalOffset)
    {
        try
        {
            var fromWorkItems = new SelectedTree(ordinalOffset);
            var work = BuildWorkItems(root, filter);
            if (work is not null)
            {
                fromWorkItems.Add(work, parentIndex: -1);
                fromWorkItems.UsedNUnitOrder = true;
                return fromWorkItems;
            }
        }
        catch (MissingMemberException)
        {
            // A framework without the work-item API: predict the order instead.
        }

        var tree = new SelectedTree(ordinalOffset);
        tree.Add(root, filter, parentIndex: -1, isRoot: true);
        return tree;
    }

    /// <summary>True when the order came from NUnit's own work items, false when it was predicted.</summary>
    public bool UsedNUnitOrder { get; private set; }

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

    private bool Add(ITest test, ITestFilter filter, int parentIndex, bool isRoot)
    {
        if (!test.IsSuite)
        {
            if (!isRoot && !filter.Pass(test))
            {
                return false;
            }

            var ordinal = _nextOrdinal++;
            TestCount++;
            AddNode(test, parentIndex, ordinal);
            _ranges.Add((ordinal, ordinal));
            return true;
        }

        // A suite is recorded before its children (depth-first order) and removed again when none
        // of them is selected, as WorkItemBuilder does (the root always stays).
        var index = AddNode(test, parentIndex, -1);
        _ranges.Add((0, -1));
        var first = _nextOrdinal;
        var any = false;
        foreach (var child in RunOrder(test.Tests))
        {
            any |= Add(child, filter, index, isRoot: false);
        }

        if (!any && !isRoot)
        {
            _nodes.RemoveAt(index);
            _ranges.RemoveAt(index);
            _nodeIndex.Remove(test);
            return false;
        }

        _ranges[index] = (first, _nextOrdinal - 1);
        return true;
    }

    private int AddNode(ITest test, int parentIndex, int ordinal)
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
            (test as Test)?.Seed ?? 0,
            PropertiesOf(test)));
        return index;
    }

    private static List<ITest> RunOrder(IList<ITest> children)
    {
        var ordered = new List<ITest>(children.Count);
        var countOrdered = 0;
        foreach (var child in children)
        {
            if (child.Properties.ContainsKey(OrderProperty))
            {
                ordered.Insert(0, child);
                countOrdered++;
            }
            else
            {
                ordered.Add(child);
            }
        }

        if (countOrdered > 0)
        {
            ordered.Sort(0, countOrdered, OrderComparer.Instance);
        }

        return ordered;
    }

    private static List<string> PropertiesOf(ITest test)
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

    private sealed class OrderComparer : IComparer<ITest>
    {
        public static readonly OrderComparer Instance = new();

        public int Compare(ITest? x, ITest? y) => KeyOf(x).CompareTo(KeyOf(y));

        private static int KeyOf(ITest? test) =>
            test is not null && test.Properties.ContainsKey(OrderProperty) ? (int)test.Properties[OrderProperty][0]! : int.MaxValue;
    }
}
