using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>Hello as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class HelloSerializer
{
    private const int ProtocolVersionKey = 0;
    private const int WorkerIdKey = 1;
    private const int ProcessIdKey = 2;
    private const int SecretKey = 3;
    private const int RuntimeVersionKey = 4;
    private const int AppDomainKey = 5;

    public static void Write(ref MessagePackWriter writer, Hello value)
    {
        writer.WriteMapHeader(6);
        writer.Write(ProtocolVersionKey);
        writer.Write(value.ProtocolVersion);
        writer.Write(WorkerIdKey);
        writer.Write(value.WorkerId);
        writer.Write(ProcessIdKey);
        writer.Write(value.ProcessId);
        writer.Write(SecretKey);
        writer.WriteText(value.Secret);
        writer.Write(RuntimeVersionKey);
        writer.WriteText(value.RuntimeVersion);
        writer.Write(AppDomainKey);
        writer.WriteText(value.AppDomain);
    }

    public static Hello Read(ref MessagePackReader reader)
    {
        int protocolVersion = 0;
        int workerId = 0;
        int processId = 0;
        string secret = string.Empty;
        string runtimeVersion = string.Empty;
        string appDomain = string.Empty;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case ProtocolVersionKey:
                    protocolVersion = reader.ReadInt32();
                    break;
                case WorkerIdKey:
                    workerId = reader.ReadInt32();
                    break;
                case ProcessIdKey:
                    processId = reader.ReadInt32();
                    break;
                case SecretKey:
                    secret = reader.ReadText();
                    break;
                case RuntimeVersionKey:
                    runtimeVersion = reader.ReadText();
                    break;
                case AppDomainKey:
                    appDomain = reader.ReadText();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new Hello(
            protocolVersion,
            workerId,
            processId,
            secret,
            runtimeVersion,
            appDomain);
    }
}
