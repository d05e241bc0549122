using NUnit.Framework;

namespace Mproc.Plugin;

/// <summary>
/// Scheduling priority: lower runs earlier. Tests without it have <see cref="MprocProperties.DefaultPriority"/>
/// (10), so <c>[MprocPriority(1)]</c> runs before them and <c>[MprocPriority(20)]</c> after. On a
/// fixture it applies to its tests. Within one priority, longer tests (from the last run's
/// timings) go first. Shows up as the NUnit property <c>MprocPriority</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class MprocPriorityAttribute : PropertyAttribute
{
    public MprocPriorityAttribute(int priority)
        : base(MprocProperties.Priority, priority)
    {
        Priority = priority;
    }

    public int Priority { get; }
}
