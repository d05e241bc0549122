namespace Mproc.Protocol.Messages;

/// <summary>
/// Worker to coordinator: a suite this worker ran has finished. <paramref name="NodeIndex"/> indexes
/// the flattened node list of all assemblies (assembly order, then node order).
/// </summary>
public sealed record SuiteFinished(int NodeIndex, TestOutcome Outcome) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.SuiteFinished;
}
