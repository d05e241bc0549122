using System.Diagnostics.CodeAnalysis;

namespace Mproc.Protocol.Codec;

/// <summary>The family of a MessagePack value, as told by its first byte. Names follow the spec.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "These are the MessagePack spec's own type names.")]
public enum MessagePackType
{
    Nil,
    Boolean,
    Integer,
    Float,
    String,
    Binary,
    Array,
    Map,
    Extension,
}
