using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>GlobalFixtureValue as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class GlobalFixtureValueSerializer
{
    private const int JsonKey = 0;
    private const int ErrorKey = 1;
    private const int FixtureTypeKey = 2;

    public static void Write(ref MessagePackWriter writer, GlobalFixtureValue value)
    {
        writer.WriteMapHeader(3);
        writer.Write(JsonKey);
        writer.WriteText(value.Json);
        writer.Write(ErrorKey);
        writer.WriteText(value.Error);
        writer.Write(FixtureTypeKey);
        writer.WriteText(value.FixtureType);
    }

    public static GlobalFixtureValue Read(ref MessagePackReader reader)
    {
        string? json = null;
        string? error = null;
        string? fixtureType = null;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case JsonKey:
                    json = reader.ReadNullableText();
                    break;
                case ErrorKey:
                    error = reader.ReadNullableText();
                    break;
                case FixtureTypeKey:
                    fixtureType = reader.ReadNullableText();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new GlobalFixtureValue(json, error, fixtureType);
    }
}
