using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>TestNode as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>.</summary>
internal static class TestNodeSerializer
{
    private const int ParentIndexKey = 0;
    private const int OrdinalKey = 1;
    private const int IdKey = 2;
    private const int TestTypeKey = 3;
    private const int NameKey = 4;
    private const int FullNameKey = 5;
    private const int ClassNameKey = 6;
    private const int MethodNameKey = 7;
    private const int RunStateKey = 8;
    private const int SeedKey = 9;
    private const int PropertiesKey = 10;

    public static void Write(MessagePackWriter writer, TestNode value)
    {
        writer.WriteMapHeader(11);
        writer.WriteInt32(ParentIndexKey);
        writer.WriteInt32(value.ParentIndex);
        writer.WriteInt32(OrdinalKey);
        writer.WriteInt32(value.Ordinal);
        writer.WriteInt32(IdKey);
        writer.WriteString(value.Id);
        writer.WriteInt32(TestTypeKey);
        writer.WriteString(value.TestType);
        writer.WriteInt32(NameKey);
        writer.WriteString(value.Name);
        writer.WriteInt32(FullNameKey);
        writer.WriteString(value.FullName);
        writer.WriteInt32(ClassNameKey);
        writer.WriteString(value.ClassName);
        writer.WriteInt32(MethodNameKey);
        writer.WriteString(value.MethodName);
        writer.WriteInt32(RunStateKey);
        writer.WriteString(value.RunState);
        writer.WriteInt32(SeedKey);
        writer.WriteInt32(value.Seed);
        writer.WriteInt32(PropertiesKey);
        ListSerializer.WriteStrings(writer, value.Properties);
    }

    public static TestNode Read(ref MessagePackReader reader)
    {
        int parentIndex = 0;
        int ordinal = 0;
        string id = string.Empty;
        string testType = string.Empty;
        string name = string.Empty;
        string fullName = string.Empty;
        string? className = null;
        string? methodName = null;
        string runState = string.Empty;
        int seed = 0;
        IReadOnlyList<string> properties = [];
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            switch (reader.ReadInt32())
            {
                case ParentIndexKey:
                    parentIndex = reader.ReadInt32();
                    break;
                case OrdinalKey:
                    ordinal = reader.ReadInt32();
                    break;
                case IdKey:
                    id = reader.ReadString();
                    break;
                case TestTypeKey:
                    testType = reader.ReadString();
                    break;
                case NameKey:
                    name = reader.ReadString();
                    break;
                case FullNameKey:
                    fullName = reader.ReadString();
                    break;
                case ClassNameKey:
                    className = reader.ReadNullableString();
                    break;
                case MethodNameKey:
                    methodName = reader.ReadNullableString();
                    break;
                case RunStateKey:
                    runState = reader.ReadString();
                    break;
                case SeedKey:
                    seed = reader.ReadInt32();
                    break;
                case PropertiesKey:
                    properties = ListSerializer.ReadStrings(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new TestNode(
            parentIndex,
            ordinal,
            id,
            testType,
            name,
            fullName,
            className,
            methodName,
            runState,
            seed,
            properties);
    }
}
