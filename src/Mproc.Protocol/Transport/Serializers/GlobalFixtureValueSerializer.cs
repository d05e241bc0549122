using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>GlobalFixtureValue as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class GlobalFixtureValueSerializer
{
    private const int JsonKey = 0;
    private const int ErrorKey = 1;
    private const int FixtureTypeKey = 2;

    public static void Write(MessagePackWriter writer, GlobalFixtureValue value)
    {
        writer.WriteMapHeader(3);
        writer.WriteInt32(JsonKey);
        writer.WriteString(value.Json);
        writer.WriteInt32(ErrorKey);
        writer.WriteString(value.Error);
        writer.WriteInt32(FixtureTypeKey);
        writer.WriteString(value.FixtureType);
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
                    json = reader.ReadNullableString();
                    break;
                case ErrorKey:
                    error = reader.ReadNullableString();
                    break;
                case FixtureTypeKey:
                    fixtureType = reader.ReadNullableString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new GlobalFixtureValue(json, error, fixtureType);
    }
}
