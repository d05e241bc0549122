using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>AssemblyDiscovery as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class AssemblyDiscoverySerializer
{
    private const int PathKey = 0;
    private const int FrameworkVersionKey = 1;
    private const int ErrorKey = 2;
    private const int NodesKey = 3;

    public static void Write(ref MessagePackWriter writer, AssemblyDiscovery value)
    {
        writer.WriteMapHeader(4);
        writer.Write(PathKey);
        writer.WriteText(value.Path);
        writer.Write(FrameworkVersionKey);
        writer.WriteText(value.FrameworkVersion);
        writer.Write(ErrorKey);
        writer.WriteText(value.Error);
        writer.Write(NodesKey);
        var nodes = value.Nodes;
        writer.WriteArrayHeader(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            var parentIndex = nodes[i].ParentIndex;
            TestNodeSerializer.Write(ref writer, nodes[i], parentIndex >= 0 && parentIndex < i ? nodes[parentIndex] : null);
        }
    }

    public static AssemblyDiscovery Read(ref MessagePackReader reader)
    {
        string path = string.Empty;
        string frameworkVersion = string.Empty;
        string? error = null;
        IReadOnlyList<TestNode> nodes = [];
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case PathKey:
                    path = reader.ReadText();
                    break;
                case FrameworkVersionKey:
                    frameworkVersion = reader.ReadText();
                    break;
                case ErrorKey:
                    error = reader.ReadNullableText();
                    break;
                case NodesKey:
                    nodes = ReadNodes(ref reader);
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new AssemblyDiscovery(
            path,
            frameworkVersion,
            error,
            nodes);
    }

    private static List<TestNode> ReadNodes(ref MessagePackReader reader)
    {
        var count = reader.ReadArrayHeader();
        var nodes = new List<TestNode>(Math.Min(count, 1 << 20));
        for (var i = 0; i < count; i++)
        {
            nodes.Add(TestNodeSerializer.Read(ref reader, nodes));
        }

        return nodes;
    }
}
