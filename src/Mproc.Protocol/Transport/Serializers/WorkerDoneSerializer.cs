using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>WorkerDone as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class WorkerDoneSerializer
{
    private const int TestsRunKey = 0;
    private const int BusySecondsKey = 1;

    public static void Write(ref MessagePackWriter writer, WorkerDone value)
    {
        writer.WriteMapHeader(2);
        writer.Write(TestsRunKey);
        writer.Write(value.TestsRun);
        writer.Write(BusySecondsKey);
        writer.Write(value.BusySeconds);
    }

    public static WorkerDone Read(ref MessagePackReader reader)
    {
        int testsRun = 0;
        double busySeconds = 0;
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case TestsRunKey:
                    testsRun = reader.ReadInt32();
                    break;
                case BusySecondsKey:
                    busySeconds = reader.ReadDouble();
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new WorkerDone(testsRun, busySeconds);
    }
}
