using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>Discovered as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class DiscoveredSerializer
{
    private const int AssembliesKey = 0;

    public static void Write(ref MessagePackWriter writer, Discovered value)
    {
        writer.WriteMapHeader(1);
        writer.Write(AssembliesKey);
        ListSerializer.Write(ref writer, value.Assemblies, AssemblyDiscoverySerializer.Write);
    }

    public static Discovered Read(ref MessagePackReader reader)
    {
        IReadOnlyList<AssemblyDiscovery> assemblies = [];
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case AssembliesKey:
                    assemblies = ListSerializer.Read(ref reader, AssemblyDiscoverySerializer.Read);
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new Discovered(assemblies);
    }
}
