using System.Text;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Running;

/// <summary>
/// The leading pieces of outputs too large for one message (<see cref="OutputPart"/>) of one worker
/// connection, until the result they belong to comes and takes them, in order.
/// </summary>
internal sealed class OutputParts
{
    private readonly Dictionary<(bool IsSuite, int Target), StringBuilder> _pending = [];

    public void Add(OutputPart part)
    {
        lock (_pending)
        {
            if (!_pending.TryGetValue((part.IsSuite, part.Target), out var text))
            {
                _pending[(part.IsSuite, part.Target)] = text = new StringBuilder();
            }

            text.Append(part.Text);
        }
    }

    /// <summary><paramref name="outcome"/> with the pieces sent ahead of it put before its own output.</summary>
    public TestOutcome Complete(bool isSuite, int target, TestOutcome outcome)
    {
        lock (_pending)
        {
            return _pending.Count > 0 && _pending.Remove((isSuite, target), out var text)
                ? outcome with { Output = text.Append(outcome.Output).ToString() }
                : outcome;
        }
    }
}
