namespace Mproc.Protocol.Messages;

/// <summary>Worker to coordinator after loading: the selected test tree of every assembly, in run order.</summary>
public sealed record Discovered(IReadOnlyList<AssemblyDiscovery> Assemblies) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.Discovered;
}
