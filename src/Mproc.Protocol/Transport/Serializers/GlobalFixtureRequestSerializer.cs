using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>GlobalFixtureRequest as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class GlobalFixtureRequestSerializer
{
    private const int FixtureTypeKey = 0;
    private const int AssemblyPathKey = 1;

    public static void Write(ref MessagePackWriter writer, GlobalFixtureRequest value)
    {
        writer.WriteMapHeader(2);
        writer.Write(FixtureTypeKey);
        writer.WriteText(value.FixtureType);
        writer.Write(AssemblyPathKey);
        writer.WriteText(value.AssemblyPath);
    }

    public static GlobalFixtureRequest Read(ref MessagePackReader reader)
    {
        string fixtureType = string.Empty;
        string assemblyPath = string.Empty;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case FixtureTypeKey:
                    fixtureType = reader.ReadText();
                    break;
                case AssemblyPathKey:
                    assemblyPath = reader.ReadText();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new GlobalFixtureRequest(fixtureType, assemblyPath);
    }
}
