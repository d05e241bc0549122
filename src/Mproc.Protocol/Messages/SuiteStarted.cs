namespace Mproc.Protocol.Messages;

/// <summary>
/// Worker to coordinator: the suite with this node index (see <see cref="TestNode"/>) starts running
/// here, before its one-time setup. Sent at once: a worker that dies outside any test, in a suite's
/// one-time setup or teardown, is blamed on the innermost suite it had started and not finished.
/// </summary>
public sealed record SuiteStarted(int NodeIndex) : IMessage
{
    public MessageTypeId TypeId => MessageTypeId.SuiteStarted;
}
