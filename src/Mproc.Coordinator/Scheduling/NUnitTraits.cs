using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// What NUnit records in a test's properties that decides how it may be scheduled, the same on
/// NUnit 3.14, 4.x and 5.x: <c>ParallelScope</c> (set by <c>[Parallelizable]</c> and
/// <c>[NonParallelizable]</c>, the enum's name, flags joined by ", "), and NUnit 5's
/// <c>DependsOnTest</c> (a sibling's name) and <c>DependsOnFixture</c> (a sibling fixture's type).
/// </summary>
public static class NUnitTraits
{
    public const string ParallelScopeProperty = "ParallelScope";
    public const string DependsOnTestProperty = "DependsOnTest";
    public const string DependsOnFixtureProperty = "DependsOnFixture";
    public const string TheoryType = "Theory";

    /// <summary>
    /// The node itself is marked non-parallelizable (<c>[NonParallelizable]</c> or
    /// <c>[Parallelizable(ParallelScope.None)]</c>): NUnit runs it, and everything under it, while
    /// no other test runs.
    /// </summary>
    public static bool IsNonParallelizable(TestNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var value = Property(node, ParallelScopeProperty);
        return value is not null && value.Split(',', StringSplitOptions.TrimEntries).Contains("None", StringComparer.Ordinal);
    }

    /// <summary>The first value of a property, or null.</summary>
    public static string? Property(TestNode node, string name)
    {
        ArgumentNullException.ThrowIfNull(node);
        var properties = node.Properties;
        for (var p = 0; p + 1 < properties.Count; p += 2)
        {
            if (properties[p] == name)
            {
                return properties[p + 1];
            }
        }

        return null;
    }
}
