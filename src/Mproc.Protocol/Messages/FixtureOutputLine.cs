namespace Mproc.Protocol.Messages;

/// <summary>Fixture host to coordinator: one whole line a fixture wrote to its context's log, for the run's output.</summary>
public sealed record FixtureOutputLine(string Fixture, string Line) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.FixtureOutputLine;
}
