namespace Mproc.Plugin;

/// <summary>
/// The one definition of the NUnit properties through which the attributes reach nunit-mproc, and of
/// the default priority. Compiled into this assembly and, as a linked file, into the NUnit bridge and
/// the coordinator, which read them from the test tree: neither may depend on this assembly.
/// </summary>
internal static class PropertyNames
{
    /// <summary>The group a test belongs to (<c>[MprocGroup]</c>).</summary>
    public const string Group = "MprocGroup";

    /// <summary>The priority of the group declared on the same test or fixture (<c>[MprocGroup(Priority = n)]</c>).</summary>
    public const string GroupPriority = "MprocGroupPriority";

    /// <summary>
    /// The scope of the group declared on the same test or fixture, when given (<c>[MprocGroup(Scope = ...)]</c>):
    /// <see cref="WorkerScope"/> (also when not given) or <see cref="NodeScope"/>.
    /// </summary>
    public const string GroupScope = "MprocGroupScope";

    /// <summary>The <see cref="GroupScope"/> of a group whose tests run serially in one worker.</summary>
    public const string WorkerScope = "Worker";

    /// <summary>The <see cref="GroupScope"/> of a group whose tests run on one machine, over any of its workers.</summary>
    public const string NodeScope = "Node";

    /// <summary>A test's or fixture's priority (<c>[MprocPriority]</c>).</summary>
    public const string Priority = "MprocPriority";

    /// <summary>The priority of a test that has none: lower runs earlier.</summary>
    public const int DefaultPriority = 10;
}
