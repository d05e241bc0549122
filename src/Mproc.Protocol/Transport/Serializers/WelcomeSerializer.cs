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
    private const int MaxFailKey = 8;
    private const int FailedFirstKey = 9;

    public static void Write(MessagePackWriter writer, Welcome value)
    {
        writer.WriteMapHeader(10);
        writer.WriteInt32(ProtocolVersionKey);
        writer.WriteInt32(value.ProtocolVersion);
        writer.WriteInt32(RunIdKey);
        writer.WriteString(value.RunId);
        writer.WriteInt32(WorkerCountKey);
        writer.WriteInt32(value.WorkerCount);
        writer.WriteInt32(AssembliesKey);
        ListSerializer.WriteStrings(writer, value.Assemblies);
        writer.WriteInt32(FilterXmlKey);
        writer.WriteString(value.FilterXml);
        writer.WriteInt32(RandomSeedKey);
        writer.WriteInt32(value.RandomSeed);
        writer.WriteInt32(TimingsKey);
        ListSerializer.Write(writer, value.Timings, AssemblyTimingsSerializer.Write);
        writer.WriteInt32(ReorderTestsKey);
        writer.WriteBoolean(value.ReorderTests);
        writer.WriteInt32(MaxFailKey);
        writer.WriteInt32(value.MaxFail);
        writer.WriteInt32(FailedFirstKey);
        ListSerializer.WriteStrings(writer, value.FailedFirst ?? []);
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
        int maxFail = 0;
        IReadOnlyList<string>? failedFirst = null;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case ProtocolVersionKey:
                    protocolVersion = reader.ReadInt32();
                    break;
                case RunIdKey:
                    runId = reader.ReadString();
                    break;
                case WorkerCountKey:
                    workerCount = reader.ReadInt32();
                    break;
                case AssembliesKey:
                    assemblies = ListSerializer.ReadStrings(ref reader);
                    break;
                case FilterXmlKey:
                    filterXml = reader.ReadString();
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
                case MaxFailKey:
                    maxFail = reader.ReadInt32();
                    break;
                case FailedFirstKey:
                    failedFirst = ListSerializer.ReadStrings(ref reader) is { Length: > 0 } names ? names : null;
                    break;
                default:
                    reader.Skip();
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
            reorderTests,
            maxFail,
            failedFirst);
    }
}
