using System.Globalization;
using NUnit.Framework.Interfaces;

namespace Mproc.NUnitBridge;

/// <summary>
/// Reorders the loaded test tree before anything runs: within each suite, children go by
/// priority (the <c>MprocPriority</c> property, lower first, inherited from the enclosing suite,
/// default 10), then by expected duration from an earlier run, longest first; a suite counts with
/// its most urgent priority and its total duration. The sort is stable, so without priorities or
/// history NUnit's own order stays. Every worker computes the same order from the same inputs, and
/// discovery (taken after this) proves it.
/// </summary>
internal static class RunOrdering
{
    private const string PriorityProperty = "MprocPriority";
    private const int DefaultPriority = 10;

    public static void Apply(ITest root, ITestFilter filter, IReadOnlyDictionary<string, double> expectedSeconds)
    {
        var unknownTestSeconds = expectedSeconds.Count == 0 ? 0 : expectedSeconds.Values.Average();
        Visit(root, DefaultPriority, filter, expectedSeconds, unknownTestSeconds);
    }

    private static Key Visit(ITest test, int inheritedPriority, ITestFilter filter, IReadOnlyDictionary<string, double> expected, double unknownSeconds)
    {
        var priority = OwnPriority(test) ?? inheritedPriority;
        if (!test.IsSuite)
        {
            return filter.Pass(test)
                ? new Key(true, priority, expected.TryGetValue(test.FullName, out var seconds) ? seconds : unknownSeconds)
                : Key.Unselected;
        }

        var children = test.Tests;
        var keyed = new List<(ITest Test, Key Key)>(children.Count);
        foreach (var child in children)
        {
            keyed.Add((child, Visit(child, priority, filter, expected, unknownSeconds)));
        }

        var sorted = keyed
            .OrderBy(c => c.Key.Selected ? 0 : 1)
            .ThenBy(c => c.Key.Priority)
            .ThenByDescending(c => c.Key.Seconds)
            .ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            if (!ReferenceEquals(children[i], sorted[i].Test))
            {
                children[i] = sorted[i].Test;
            }
        }

        var selected = keyed.Where(c => c.Key.Selected).ToList();
        return selected.Count == 0
            ? Key.Unselected
            : new Key(true, selected.Min(c => c.Key.Priority), selected.Sum(c => c.Key.Seconds));
    }

    private static int? OwnPriority(ITest test)
    {
        if (!test.Properties.ContainsKey(PriorityProperty))
        {
            return null;
        }

        var value = test.Properties[PriorityProperty];
        return value.Count > 0 && int.TryParse(Convert.ToString(value[0], CultureInfo.InvariantCulture), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority)
            ? priority
            : null;
    }

    private readonly record struct Key(bool Selected, int Priority, double Seconds)
    {
        public static readonly Key Unselected = new(false, int.MaxValue, 0);
    }
}
