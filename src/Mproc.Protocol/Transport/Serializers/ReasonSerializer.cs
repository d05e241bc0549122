using MessagePack;
using Mproc.Protocol.Codec;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>The body Rejected and AbortRun share: key 0 the reason, a string.</summary>
internal static class ReasonSerializer
{
    private const int ReasonKey = 0;

    public static void Write(ref MessagePackWriter writer, string reason)
    {
        writer.WriteMapHeader(1);
        writer.Write(ReasonKey);
        writer.WriteText(reason);
    }

    public static string Read(ref MessagePackReader reader)
    {
        string reason = string.Empty;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case ReasonKey:
                    reason = reader.ReadText();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return reason;
    }
}
