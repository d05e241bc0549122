namespace Mproc.Coordinator.Distributed;

/// <summary>
/// A run's place in a build shared by several machines: the queue's address (never from the
/// command line when it holds a password), the build every node of one CI run shares, this node's
/// name in reports, how leases and keys behave, and the build's attempt this run belongs to.
/// </summary>
public sealed record QueueSettings(QueueAddress Address, string BuildId, string NodeId, QueueOptions Options)
{
    /// <summary>A CI re-run keeps the build id and raises the attempt: a node of a later attempt runs again what failed.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>
/// <c>nunit-mproc report</c>: waits for a shared build to finish and writes its merged reports.
/// </summary>
/// <param name="InactiveTimeout">Stop waiting when no node has reserved or renewed anything for this long.</param>
/// <param name="ReportTimeout">Stop waiting after this long in all, or never when null.</param>
public sealed record ReportOptions(
    QueueSettings Queue,
    string? ResultPath,
    string? JUnitPath,
    string? TrxPath,
    bool NoCiOutput,
    TimeSpan InactiveTimeout,
    TimeSpan? ReportTimeout,
    string CommandLine)
{
    /// <summary>One-line notices about the options (e.g. a password on the command line), printed before the report.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
}
