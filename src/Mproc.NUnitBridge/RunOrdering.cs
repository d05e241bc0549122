using System.Runtime.CompilerServices;
using System.Globalization;
using Mproc.Protocol.Messages;
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

    public static void Apply(ITest root, ITestFilter filter, ExpectedDurations expectedSeconds) =>
        Visit(root, DefaultPriority, filter, expectedSeconds, expectedSeconds.Mean);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Key Visit(ITest test, int inheritedPriority, ITestFilter filter, ExpectedDurations expected, double unknownSeconds)
    {
        var priority = OwnPriority(test) ?? inheritedPriority;
        if (!test.IsSuite)
        {
            return filter.Pass(test)
                ? new Key(true, priority, expected.TryGet(test.FullName, out var seconds) ? seconds : unknownSeconds)
                : Key.Unselected;
        }

        var children = test.Tests;
        var ranked = new Ranked[children.Count];
        var selectedAny = false;
        var mostUrgent = int.MaxValue;
        var totalSeconds = 0.0;
        for (var i = 0; i < ranked.Length; i++)
        {
            var key = Visit(children[i], priority, filter, expected, unknownSeconds);
            ranked[i] = new Ranked(children[i], key, i);
            if (key.Selected)
            {
                selectedAny = true;
                mostUrgent = Math.Min(mostUrgent, key.Priority);
                totalSeconds += key.Seconds;
            }
        }

        // Stable: equal keys keep NUnit's order (the original index breaks ties).
        Array.Sort(ranked, Ranked.Compare);
        for (var i = 0; i < ranked.Length; i++)
        {
            if (!ReferenceEquals(children[i], ranked[i].Test))
            {
                children[i] = ranked[i].Test;
            }
        }

        return selectedAny ? new Key(true, mostUrgent, totalSeconds) : Key.Unselected;
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

    /// <summary>A child with its key and original position; a class, so sorting uses the runtime's shared precompiled code.</summary>
    private sealed record Ranked(ITest Test, Key Key, int Index)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static int Compare(Ranked? x, Ranked? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var order = (x.Key.Selected ? 0 : 1).CompareTo(y.Key.Selected ? 0 : 1);
            if (order == 0)
            {
                order = x.Key.Priority.CompareTo(y.Key.Priority);
            }

            if (order == 0)
            {
                order = y.Key.Seconds.CompareTo(x.Key.Seconds);
            }

            return order != 0 ? order : x.Index.CompareTo(y.Index);
        }
    }
}
