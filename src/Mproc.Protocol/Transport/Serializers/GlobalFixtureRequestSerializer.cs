using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>GlobalFixtureRequest as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class GlobalFixtureRequestSerializer
{
    private const int FixtureTypeKey = 0;
    private const int AssemblyPathKey = 1;
    private const int ScopeKey = 2;

    public static void Write(ref MessagePackWriter writer, GlobalFixtureRequest value)
    {
        writer.WriteMapHeader(3);
        writer.Write(FixtureTypeKey);
        writer.WriteText(value.FixtureType);
        writer.Write(AssemblyPathKey);
        writer.WriteText(value.AssemblyPath);
        writer.Write(ScopeKey);
        writer.Write((int)value.Scope);
    }

    public static GlobalFixtureRequest Read(ref MessagePackReader reader)
    {
        string fixtureType = string.Empty;
        string assemblyPath = string.Empty;
        var scope = GlobalFixtureScope.Build;
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
                case ScopeKey:
                    scope = (GlobalFixtureScope)reader.ReadInt32();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new GlobalFixtureRequest(fixtureType, assemblyPath, scope);
    }
}
