namespace Mproc.Protocol.Messages;

/// <summary>What one worker found in one assembly. <paramref name="Error"/> is set when it could not load it.</summary>
public sealed record AssemblyDiscovery(
    string Path,
    string FrameworkVersion,
    string? Error,
    IReadOnlyList<TestNode> Nodes);
