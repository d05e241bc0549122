using System.Runtime.CompilerServices;
using Mproc.Protocol.Messages;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Execution;

namespace Mproc.NUnitBridge;

/// <summary>
/// The selected tests of a loaded assembly in the exact order NUnit will run them. NUnit runs a
/// suite's children in the order its WorkItemBuilder (public and the same in 3.14, 4.x and 5.x)
/// puts the children that pass the filter: in NUnit 3 and 4 that is the suite's own order unless a
/// child has an <c>Order</c> property; NUnit 5 adds ordering rules of its own (dependencies). Suites
/// whose order NUnit may change are read from the work-item tree NUnit builds for them; the others
/// are walked directly, which saves building a work item (and a result) per test twice, since the
/// NUnit run builds its own.
/// </summary>
internal sealed class SelectedTree
{
    private const string OrderProperty = "Order";

    private readonly Dictionary<ITest, int> _nodeIndex = new(ReferenceEqualityComparer.Instance);
    private readonly List<TestNode> _nodes = [];
    // Ordinal range of each node, first and last (lists of int: code the runtime has ready).
    private readonly List<int> _firsts = [];
    private readonly List<int> _lasts = [];
    private int _nextOrdinal;

    private SelectedTree(int ordinalOffset) => _nextOrdinal = ordinalOffset;

    public IReadOnlyList<TestNode> Nodes => _nodes;

    public int TestCount { get; private set; }

    public static SelectedTree Build(ITest root, ITestFilter filter, int ordinalOffset)
    {
        var tree = new SelectedTree(ordinalOffset);
        if (FrameworkOrdersBeyondOrderProperty(root))
        {
            tree.Add(BuildWorkItems(root, filter), parentIndex: -1);
        }
        else
        {
            tree.Add(root, filter, parentIndex: -1);
        }

        return tree;
    }

    /// <summary>NUnit 5 and later may order children by more than the Order property.</summary>
    private static bool FrameworkOrdersBeyondOrderProperty(ITest root) =>
        root.GetType().Assembly.GetName().Version is not { Major: 3 or 4 };

    /// <summary>
    /// NUnit's own work-item tree: its children are in the order NUnit will run them, whatever
    /// ordering rules the framework version has ([Order], NUnit 5's dependencies). Creating work
    /// items runs nothing.
    /// </summary>
#pragma warning disable CS0618 // Obsolete in 3.14 only; the one public way to get NUnit's run order.
    private static WorkItem BuildWorkItems(ITest suite, ITestFilter filter) =>
        WorkItemBuilder.CreateWorkItem(suite, filter, recursive: true)
        ?? throw new InvalidOperationException($"NUnit built no work item for {suite.FullName}.");
#pragma warning restore CS0618

    /// <summary>
    /// Walks a suite whose children NUnit runs in their own order (none has an Order property),
    /// keeping those that pass the filter as WorkItemBuilder does; a suite with ordered children is
    /// read from NUnit's work items instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(ITest test, ITestFilter filter, int parentIndex)
    {
        if (!test.IsSuite)
        {
            AddTestCase((Test)test, parentIndex);
            return;
        }

        var children = test.Tests;
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i].Properties.ContainsKey(OrderProperty))
            {
                Add(BuildWorkItems(test, filter), parentIndex);
                return;
            }
        }

        var index = AddNode((Test)test, parentIndex, -1);
        _firsts.Add(0);
        _lasts.Add(-1);
        var first = _nextOrdinal;
        for (var i = 0; i < children.Count; i++)
        {
            if (filter.Pass(children[i]))
            {
                Add(children[i], filter, index);
            }
        }

        _firsts[index] = first;
        _lasts[index] = _nextOrdinal - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(WorkItem work, int parentIndex)
    {
        var test = work.Test;
        if (work is not CompositeWorkItem composite)
        {
            AddTestCase(test, parentIndex);
            return;
        }

        var index = AddNode(test, parentIndex, -1);
        _firsts.Add(0);
        _lasts.Add(-1);
        var first = _nextOrdinal;
        foreach (var child in composite.Children)
        {
            Add(child, index);
        }

        _firsts[index] = first;
        _lasts[index] = _nextOrdinal - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddTestCase(Test test, int parentIndex)
    {
        var ordinal = _nextOrdinal++;
        TestCount++;
        AddNode(test, parentIndex, ordinal);
        _firsts.Add(ordinal);
        _lasts.Add(ordinal);
    }

    /// <summary>Ordinals of the tests under a suite whose node is not marked in <paramref name="finished"/> (by node index).</summary>
    public IEnumerable<int> OrdinalsWithoutResultUnder(int suiteIndex, bool[] finished)
    {
        var (first, last) = RangeOf(suiteIndex);
        for (var index = suiteIndex + 1; index < _nodes.Count && _firsts[index] <= last; index++)
        {
            var ordinal = _nodes[index].Ordinal;
            if (ordinal >= first && !finished[index])
            {
                yield return ordinal;
            }
        }
    }

    /// <summary>Index of a test or suite in <see cref="Nodes"/>, or -1 when it was not selected.</summary>
    public int IndexOf(ITest test) => _nodeIndex.TryGetValue(test, out var index) ? index : -1;

    /// <summary>Inclusive ordinal range of the tests under a node; First > Last when it has none.</summary>
    public (int First, int Last) RangeOf(int nodeIndex) => (_firsts[nodeIndex], _lasts[nodeIndex]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// A test's properties as key, value, key, value, ...; without the process id and app domain NUnit
    /// records on an assembly, which differ from worker to worker (the Hello carries them instead),
    /// so that every worker's discovery of the same tests is the same, byte for byte.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<string> PropertiesOf(Test test)
    {
        var result = new List<string>();
        foreach (var key in test.Properties.Keys)
        {
            if (key is PropertyNames.ProcessId or PropertyNames.AppDomain)
            {
                continue;
            }

            foreach (var value in test.Properties[key])
            {
                result.Add(key);
                result.Add(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }

        return result;
    }
}
