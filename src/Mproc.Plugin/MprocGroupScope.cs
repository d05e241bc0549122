namespace Mproc.Plugin;

/// <summary>How far an <see cref="MprocGroupAttribute"/> group keeps its tests together.</summary>
public enum MprocGroupScope
{
    /// <summary>All tests of the group run serially in one worker process (the default).</summary>
    Worker,

    /// <summary>
    /// All tests of the group run on one machine, but spread over its worker processes, side by side:
    /// for tests that share something of the machine's own (a local service, a port, a folder) and
    /// may use it at the same time. On a single machine the tests run as ungrouped tests do, at the
    /// group's <see cref="MprocGroupAttribute.Priority"/>; in a build shared by several machines one
    /// machine takes the whole group.
    /// </summary>
    Node,
}
