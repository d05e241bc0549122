namespace Mproc.Protocol.Messages;

/// <summary>
/// The scope a fixture class declares (<c>[GlobalFixture(Scope = ...)]</c>), as the worker read it:
/// the coordinator decides by it whether a build shared by several machines sets the fixture up once
/// for the build or once on each machine. Values are the wire's: never renumbered.
/// </summary>
public enum GlobalFixtureScope
{
    Build = 0,
    Node = 1,
}
