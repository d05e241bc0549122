namespace Mproc.Protocol.Messages;

/// <summary>
/// Worker to coordinator: a leading piece of the captured output (Console.Out) of a test
/// (<paramref name="IsSuite"/> false, <paramref name="Target"/> its ordinal) or a suite (true, its
/// node index), sent before that test's or suite's result when the output is too large for one frame.
/// The result carries the last piece; the coordinator puts them together in order.
/// </summary>
public sealed record OutputPart(bool IsSuite, int Target, string Text) : IMessage
{
    /// <summary>
    /// The most characters of one text field a message carries: at most 3 UTF-8 bytes each, so an
    /// outcome's output, message and stack trace together stay well inside a frame.
    /// </summary>
    public const int MaxCharacters = 4 * 1024 * 1024;

    public MessageTypeId TypeId => MessageTypeId.OutputPart;
}
