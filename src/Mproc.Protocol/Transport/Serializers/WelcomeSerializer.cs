using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>Welcome as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class WelcomeSerializer
{
    private const int ProtocolVersionKey = 0;
    private const int RunIdKey = 1;
    private const int WorkerCountKey = 2;
    private const int AssembliesKey = 3;
    private const int FilterXmlKey = 4;
    private const int RandomSeedKey = 5;
    private const int TimingsKey = 6;
    private const int ReorderTestsKey = 7;

    public static void Write(ref MessagePackWriter writer, Welcome value)
    {
        writer.WriteMapHeader(8);
        writer.Write(ProtocolVersionKey);
        writer.Write(value.ProtocolVersion);
        writer.Write(RunIdKey);
        writer.WriteText(value.RunId);
        writer.Write(WorkerCountKey);
        writer.Write(value.WorkerCount);
        writer.Write(AssembliesKey);
        ListSerializer.WriteStrings(ref writer, value.Assemblies);
        writer.Write(FilterXmlKey);
        writer.WriteText(value.FilterXml);
        writer.Write(RandomSeedKey);
        writer.Write(value.RandomSeed);
        writer.Write(TimingsKey);
        ListSerializer.Write(ref writer, value.Timings, AssemblyTimingsSerializer.Write);
        writer.Write(ReorderTestsKey);
        writer.Write(value.ReorderTests);
    }

    public static Welcome Read(ref MessagePackReader reader)
    {
        int protocolVersion = 0;
        string runId = string.Empty;
        int workerCount = 0;
        IReadOnlyList<string> assemblies = [];
        string filterXml = string.Empty;
        int randomSeed = 0;
        IReadOnlyList<AssemblyTimings> timings = [];
        bool reorderTests = false;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case ProtocolVersionKey:
                    protocolVersion = reader.ReadInt32();
                    break;
                case RunIdKey:
                    runId = reader.ReadText();
                    break;
                case WorkerCountKey:
                    workerCount = reader.ReadInt32();
                    break;
                case AssembliesKey:
                    assemblies = ListSerializer.ReadStrings(ref reader);
                    break;
                case FilterXmlKey:
                    filterXml = reader.ReadText();
                    break;
                case RandomSeedKey:
                    randomSeed = reader.ReadInt32();
                    break;
                case TimingsKey:
                    timings = ListSerializer.Read(ref reader, AssemblyTimingsSerializer.Read);
                    break;
                case ReorderTestsKey:
                    reorderTests = reader.ReadBoolean();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new Welcome(
            protocolVersion,
            runId,
            workerCount,
            assemblies,
            filterXml,
            randomSeed,
            timings,
            reorderTests);
    }
}
