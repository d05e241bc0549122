namespace Mproc.Protocol;

/// <summary>
/// The bytes received do not follow the wire protocol: a malformed or truncated MessagePack value,
/// a frame length out of range, an unknown message type id, or a field of the wrong type.
/// The connection that produced it cannot be trusted any further.
/// </summary>
public sealed class ProtocolException : Exception
{
    public ProtocolException()
        : base("The data does not follow the nunit-mproc wire protocol.")
    {
    }

    public ProtocolException(string message)
        : base(message)
    {
    }

    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
