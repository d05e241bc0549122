using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Results;

/// <summary>
/// One node of the merged result tree: a discovered test or suite and what happened to it.
/// For a test, <see cref="Outcome"/> is its result; for a suite, the suite's own outcome as the
/// worker(s) that ran it reported it (null when no worker ran it), which matters for SetUp and
/// TearDown failures; a suite's overall result is aggregated from its children when reporting.
/// </summary>
public sealed class ResultNode
{
    public ResultNode(TestNode node, ResultNode? parent)
    {
        Node = node;
        Parent = parent;
    }

    public TestNode Node { get; }

    public ResultNode? Parent { get; }

    public List<ResultNode> Children { get; } = [];

    public bool IsTest => Node.Ordinal >= 0;

    public TestOutcome? Outcome { get; set; }

    /// <summary>Who produced <see cref="Outcome"/> (tests only): NUnit, or the coordinator in its place.</summary>
    public ResultOrigin Origin { get; set; }

    /// <summary>The worker that produced <see cref="Outcome"/> (tests only), -1 if none.</summary>
    public int WorkerId { get; set; } = -1;
}
