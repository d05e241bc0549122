using NUnit.Framework;

namespace Mproc.Plugin;

/// <summary>
/// Scheduling priority: lower runs earlier. Tests without it have <see cref="MprocProperties.DefaultPriority"/>
/// (10), so <c>[MprocPriority(1)]</c> runs before them and <c>[MprocPriority(20)]</c> after. On a
/// fixture it applies to its tests. Within one priority, longer tests (from the last run's
/// timings) go first. A test in a group that has a <see cref="MprocGroupAttribute.Priority"/> takes
/// the group's. Shows up as the NUnit property <c>MprocPriority</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class MprocPriorityAttribute : PropertyAttribute
{
    /// <summary>Gives the test, or the fixture's tests, the priority <paramref name="priority"/>.</summary>
    /// <param name="priority">Lower runs earlier; the default is <see cref="MprocProperties.DefaultPriority"/>.</param>
    public MprocPriorityAttribute(int priority)
        : base(PropertyNames.Priority, priority)
    {
        Priority = priority;
    }

    /// <summary>The priority given.</summary>
    public int Priority { get; }
}
