namespace Mproc.Plugin;

/// <summary>
/// Names of the NUnit properties the attributes set, so <c>--where "MprocGroup == db"</c> selects
/// a group. The coordinator reads them from the discovered tests.
/// </summary>
public static class MprocProperties
{
    /// <summary>The NUnit property <see cref="MprocGroupAttribute"/> sets: the group's name.</summary>
    public const string Group = PropertyNames.Group;

    /// <summary>The NUnit property <see cref="MprocGroupAttribute.Priority"/> sets, when given: the group's priority.</summary>
    public const string GroupPriority = PropertyNames.GroupPriority;

    /// <summary>The NUnit property <see cref="MprocGroupAttribute.Scope"/> sets, when given: <c>Worker</c> or <c>Node</c>.</summary>
    public const string GroupScope = PropertyNames.GroupScope;

    /// <summary>The NUnit property <see cref="MprocPriorityAttribute"/> sets: the priority.</summary>
    public const string Priority = PropertyNames.Priority;

    /// <summary>The priority of a test without <see cref="MprocPriorityAttribute"/>: between 1 (earliest) and anything higher.</summary>
    public const int DefaultPriority = PropertyNames.DefaultPriority;
}
