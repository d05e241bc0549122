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

    public static void Write(MessagePackWriter writer, Hello value)
    {
        writer.WriteMapHeader(6);
        writer.WriteInt32(ProtocolVersionKey);
        writer.WriteInt32(value.ProtocolVersion);
        writer.WriteInt32(WorkerIdKey);
        writer.WriteInt32(value.WorkerId);
        writer.WriteInt32(ProcessIdKey);
        writer.WriteInt32(value.ProcessId);
        writer.WriteInt32(SecretKey);
        writer.WriteString(value.Secret);
        writer.WriteInt32(RuntimeVersionKey);
        writer.WriteString(value.RuntimeVersion);
        writer.WriteInt32(AppDomainKey);
        writer.WriteString(value.AppDomain);
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
                    secret = reader.ReadString();
                    break;
                case RuntimeVersionKey:
                    runtimeVersion = reader.ReadString();
                    break;
                case AppDomainKey:
                    appDomain = reader.ReadString();
                    break;
                default:
                    reader.Skip();
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
