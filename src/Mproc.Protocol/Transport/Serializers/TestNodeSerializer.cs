using MessagePack;
using Mproc.Protocol.Codec;
using Mproc.Protocol.Messages;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>
/// TestNode as a MessagePack map keyed by field number; see <see cref="MessageSerializer"/>. In a
/// list of nodes (<see cref="AssemblyDiscoverySerializer"/>) two fields are left out where they
/// follow from the node's parent, an earlier node of the list: FullName when it is the parent's
/// FullName, a dot and the node's Name; ClassName when it is the parent's. A reader puts them back.
/// </summary>
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

    /// <summary>Writes <paramref name="value"/>, leaving out what follows from <paramref name="parent"/> (null: nothing).</summary>
    public static void Write(ref MessagePackWriter writer, TestNode value, TestNode? parent)
    {
        var fullNameFollows = parent is not null && IsChildName(value.FullName, parent.FullName, value.Name);
        var classNameFollows = parent is not null && value.ClassName == parent.ClassName;
        writer.WriteMapHeader(11 - (fullNameFollows ? 1 : 0) - (classNameFollows ? 1 : 0));
        writer.Write(ParentIndexKey);
        writer.Write(value.ParentIndex);
        writer.Write(OrdinalKey);
        writer.Write(value.Ordinal);
        writer.Write(IdKey);
        writer.WriteText(value.Id);
        writer.Write(TestTypeKey);
        writer.WriteText(value.TestType);
        writer.Write(NameKey);
        writer.WriteText(value.Name);
        if (!fullNameFollows)
        {
            writer.Write(FullNameKey);
            writer.WriteText(value.FullName);
        }

        if (!classNameFollows)
        {
            writer.Write(ClassNameKey);
            writer.WriteText(value.ClassName);
        }

        writer.Write(MethodNameKey);
        writer.WriteText(value.MethodName);
        writer.Write(RunStateKey);
        writer.WriteText(value.RunState);
        writer.Write(SeedKey);
        writer.Write(value.Seed);
        writer.Write(PropertiesKey);
        ListSerializer.WriteStrings(ref writer, value.Properties);
    }

    private static bool IsChildName(string fullName, string parentFullName, string name) =>
        fullName.Length == parentFullName.Length + 1 + name.Length
        && fullName.StartsWith(parentFullName, StringComparison.Ordinal)
        && fullName[parentFullName.Length] == '.'
        && fullName.EndsWith(name, StringComparison.Ordinal);

    /// <summary>Reads a node of a list whose nodes so far are <paramref name="earlier"/>: a left-out FullName or ClassName comes from its parent there.</summary>
    public static TestNode Read(ref MessagePackReader reader, IReadOnlyList<TestNode> earlier)
    {
        int parentIndex = 0;
        int ordinal = 0;
        string id = string.Empty;
        string testType = string.Empty;
        string name = string.Empty;
        string? fullName = null;
        string? className = null;
        var hasClassName = false;
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
                    id = reader.ReadText();
                    break;
                case TestTypeKey:
                    testType = reader.ReadText();
                    break;
                case NameKey:
                    name = reader.ReadText();
                    break;
                case FullNameKey:
                    fullName = reader.ReadText();
                    break;
                case ClassNameKey:
                    className = reader.ReadNullableText();
                    hasClassName = true;
                    break;
                case MethodNameKey:
                    methodName = reader.ReadNullableText();
                    break;
                case RunStateKey:
                    runState = reader.ReadText();
                    break;
                case SeedKey:
                    seed = reader.ReadInt32();
                    break;
                case PropertiesKey:
                    properties = ListSerializer.ReadStrings(ref reader);
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        var parent = parentIndex >= 0 && parentIndex < earlier.Count ? earlier[parentIndex] : null;
        if (fullName is null)
        {
            fullName = parent is null ? string.Empty : string.Concat(parent.FullName, ".", name);
        }

        if (!hasClassName)
        {
            className = parent?.ClassName;
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
