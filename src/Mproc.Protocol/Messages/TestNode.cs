namespace Mproc.Protocol.Messages;

/// <summary>
/// One node of a discovered NUnit test tree, in depth-first run order. Only nodes on the path to a
/// selected test are sent. <paramref name="Ordinal"/> is the test's position among all selected
/// tests of the run (leaves only; -1 for suites) and is what claims and results refer to.
/// <paramref name="Properties"/> holds NUnit properties as alternating key, value entries.
/// </summary>
public sealed record TestNode(
    int ParentIndex,
    int Ordinal,
    string Id,
    string TestType,
    string Name,
    string FullName,
    string? ClassName,
    string? MethodName,
    string RunState,
    int Seed,
    IReadOnlyList<string> Properties);
