namespace Mproc.Protocol.Messages;

/// <summary>
/// Worker to coordinator: a test asks for the value of the global fixture <paramref name="FixtureType"/>
/// (assembly-qualified name), found in the load context of the test assembly at
/// <paramref name="AssemblyPath"/>, whose class declares <paramref name="Scope"/>. The worker waits
/// for the <see cref="GlobalFixtureValue"/>.
/// </summary>
public sealed record GlobalFixtureRequest(string FixtureType, string AssemblyPath, GlobalFixtureScope Scope = GlobalFixtureScope.Build) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.GlobalFixtureRequest;
}
