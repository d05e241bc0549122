namespace Mproc.Plugin;

/// <summary>
/// Names of the NUnit properties the attributes set, so <c>--where "MprocGroup == db"</c> selects
/// a group. The coordinator reads them from the discovered tests.
/// </summary>
public static class MprocProperties
{
    public const string Group = "MprocGroup";
    public const string Priority = "MprocPriority";

    /// <summary>The priority of a test without <see cref="MprocPriorityAttribute"/>: between 1 (earliest) and anything higher.</summary>
    public const int DefaultPriority = 10;
}
