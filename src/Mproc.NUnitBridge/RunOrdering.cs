using System.Runtime.CompilerServices;
using System.Globalization;
using Mproc.Protocol.Messages;
using NUnit.Framework.Interfaces;

namespace Mproc.NUnitBridge;

/// <summary>
/// Reorders the loaded test tree before anything runs. Suites above fixtures (the assembly,
/// namespaces, SetUpFixtures, a parameterized fixture's instances) order their children by priority
/// (the <c>MprocPriority</c> property, lower first, inherited from the enclosing suite, default 10),
/// then by expected duration from an earlier run, longest first; a suite counts with its most urgent
/// priority and its total duration. Inside a fixture (its tests, and the cases of its parameterized
/// methods and theories) NUnit's own order stays, which suites rely on: only an explicit priority on
/// a test moves it, unless <c>reorderTests</c> asks for longest-first there too. A group with a
/// priority (<c>MprocGroupPriority</c>, the lowest where it is given more than once) gives it to
/// every test of the group in place of their own, so the whole group sits at that priority and is
/// claimed as one unit there. The sort is stable,
/// so without priorities or history NUnit's own order stays everywhere. Every worker computes the
/// same order from the same inputs, and discovery (taken after this) proves it.
/// <para>
/// Before all that, fixtures and suites holding non-parallelizable tests go first, so those tests
/// come early in the run and close together: the coordinator runs them while no other worker runs
/// a test, and at the start that costs least (the other workers are still starting; at the end
/// they would first have to finish what they hold). Tests inside a fixture keep their order.
/// </para>
/// </summary>
internal static class RunOrdering
{
    private const string ParallelScopeProperty = "ParallelScope";

    /// <param name="reorderTests">Also order the tests inside a fixture by expected duration, longest first.</param>
    /// <param name="failedFirst">Full names of the tests to put first (--failed-first), or null.</param>
    public static void Apply(ITest root, ITestFilter filter, ExpectedDurations expectedSeconds, bool reorderTests, IReadOnlyCollection<string>? failedFirst = null) =>
        Visit(root, Mproc.Plugin.PropertyNames.DefaultPriority, null, false, new Walk(filter, expectedSeconds, expectedSeconds.Mean, reorderTests, GroupPriorities(root),
            failedFirst is { Count: > 0 } ? new HashSet<string>(failedFirst, StringComparer.Ordinal) : null), keepOrder: false);

    /// <summary>What every step of the walk shares.</summary>
    /// <param name="GroupPriorities">Each group's priority, where one is given; null when none is.</param>
    /// <param name="FailedFirst">Full names of the tests that go first (--failed-first); null for none.</param>
    private sealed record Walk(ITestFilter Filter, ExpectedDurations Expected, double UnknownSeconds, bool ReorderTests, Dictionary<string, int>? GroupPriorities, HashSet<string>? FailedFirst);

    /// <summary>The priority of each group that declares one, the lowest where several places do; null when none does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<string, int>? GroupPriorities(ITest root)
    {
        Dictionary<string, int>? priorities = null;
        var pending = new Stack<ITest>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var test = pending.Pop();
            if (OwnGroup(test) is { } group && IntProperty(test, Mproc.Plugin.PropertyNames.GroupPriority) is { } priority)
            {
                priorities ??= new Dictionary<string, int>(StringComparer.Ordinal);
                priorities[group] = priorities.TryGetValue(group, out var other) ? Math.Min(other, priority) : priority;
            }

            if (test.IsSuite)
            {
                foreach (var child in test.Tests)
                {
                    pending.Push(child);
                }
            }
        }

        return priorities;
    }

    /// <summary>A fixture and the suites inside one (parameterized methods, theories, generic methods).</summary>
    private static bool IsFixtureOrBelow(ITest suite) =>
        suite.TestType is "TestFixture" or "GenericFixture" or "ParameterizedMethod" or "Theory" or "GenericMethod";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Key Visit(ITest test, int inheritedPriority, string? inheritedGroup, bool inheritedExclusive, Walk walk, bool keepOrder)
    {
        var group = walk.GroupPriorities is null ? null : OwnGroup(test) ?? inheritedGroup;
        var priority = group is not null && walk.GroupPriorities!.TryGetValue(group, out var groupPriority)
            ? groupPriority
            : IntProperty(test, Mproc.Plugin.PropertyNames.Priority) ?? inheritedPriority;
        var exclusive = inheritedExclusive || IsNonParallelizable(test);
        if (!test.IsSuite)
        {
            return walk.Filter.Pass(test)
                ? new Key(true, exclusive, priority, walk.Expected.TryGet(test.FullName, out var seconds) ? seconds : walk.UnknownSeconds, walk.FailedFirst?.Contains(test.FullName) == true)
                : Key.Unselected;
        }

        keepOrder |= !walk.ReorderTests && IsFixtureOrBelow(test);
        var children = test.Tests;
        var ranked = new Ranked[children.Count];
        var selectedAny = false;
        var holdsExclusive = false;
        var mostUrgent = int.MaxValue;
        var totalSeconds = 0.0;
        var holdsFailed = false;
        for (var i = 0; i < ranked.Length; i++)
        {
            var key = Visit(children[i], priority, group, exclusive, walk, keepOrder);
            holdsExclusive |= key.Exclusive;

            // Only suites from fixtures up move for exclusivity; a fixture's tests keep their order.
            ranked[i] = new Ranked(children[i], children[i].IsSuite && children[i].Method is null ? key : key with { Exclusive = false }, i);
            if (key.Selected)
            {
                selectedAny = true;
                mostUrgent = Math.Min(mostUrgent, key.Priority);
                totalSeconds += key.Seconds;
                holdsFailed |= key.Failed;
            }
        }

        // Stable: equal keys keep NUnit's order (the original index breaks ties).
        Array.Sort(ranked, keepOrder ? Ranked.CompareByPriority : Ranked.Compare);
        for (var i = 0; i < ranked.Length; i++)
        {
            if (!ReferenceEquals(children[i], ranked[i].Test))
            {
                children[i] = ranked[i].Test;
            }
        }

        return selectedAny ? new Key(true, holdsExclusive, mostUrgent, totalSeconds, holdsFailed) : Key.Unselected;
    }

    /// <summary>[NonParallelizable] or [Parallelizable(ParallelScope.None)]: the None flag in the ParallelScope NUnit records.</summary>
    private static bool IsNonParallelizable(ITest test)
    {
        if (!test.Properties.ContainsKey(ParallelScopeProperty))
        {
            return false;
        }

        var value = test.Properties.Get(ParallelScopeProperty);
        return value is not null && (Convert.ToInt32(value, CultureInfo.InvariantCulture) & NoneFlag) != 0;
    }

    /// <summary>ParallelScope.None, the same in NUnit 3.14, 4.x and 5.x.</summary>
    private const int NoneFlag = 2;

    private static int? IntProperty(ITest test, string name)
    {
        if (!test.Properties.ContainsKey(name))
        {
            return null;
        }

        var value = test.Properties[name];
        return value.Count > 0 && int.TryParse(Convert.ToString(value[0], CultureInfo.InvariantCulture), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }

    /// <summary>The group declared on the test or suite itself (<c>[MprocGroup]</c>), or null.</summary>
    private static string? OwnGroup(ITest test)
    {
        if (!test.Properties.ContainsKey(Mproc.Plugin.PropertyNames.Group))
        {
            return null;
        }

        var value = test.Properties[Mproc.Plugin.PropertyNames.Group];
        return value.Count > 0 ? Convert.ToString(value[0], CultureInfo.InvariantCulture) : null;
    }

    /// <param name="Exclusive">Is or holds a non-parallelizable test.</param>
    /// <param name="Failed">Is or holds a test that failed last time (--failed-first).</param>
    private readonly record struct Key(bool Selected, bool Exclusive, int Priority, double Seconds, bool Failed = false)
    {
        public static readonly Key Unselected = new(false, false, int.MaxValue, 0);
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
                order = (x.Key.Exclusive ? 0 : 1).CompareTo(y.Key.Exclusive ? 0 : 1);
            }

            if (order == 0)
            {
                order = (x.Key.Failed ? 0 : 1).CompareTo(y.Key.Failed ? 0 : 1);
            }

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

        /// <summary>Selected first, then failed last time (--failed-first), then by priority; otherwise NUnit's order (no durations).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static int CompareByPriority(Ranked? x, Ranked? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var order = (x.Key.Selected ? 0 : 1).CompareTo(y.Key.Selected ? 0 : 1);
            if (order == 0)
            {
                order = (x.Key.Failed ? 0 : 1).CompareTo(y.Key.Failed ? 0 : 1);
            }

            if (order == 0)
            {
                order = x.Key.Priority.CompareTo(y.Key.Priority);
            }

            return order != 0 ? order : x.Index.CompareTo(y.Index);
        }
    }
}
