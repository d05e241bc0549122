using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Running;

/// <summary>A worker started a test (<paramref name="Outcome"/> null) or reported its result.</summary>
public sealed record TestProgressEvent(int WorkerId, int Ordinal, string FullName, TestOutcome? Outcome);
