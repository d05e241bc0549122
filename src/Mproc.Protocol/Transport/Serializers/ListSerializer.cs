using MessagePack;
using Mproc.Protocol.Codec;

namespace Mproc.Protocol.Transport.Serializers;

/// <summary>Lists travel as MessagePack arrays.</summary>
internal static class ListSerializer
{
    public delegate void ItemWriter<in T>(ref MessagePackWriter writer, T value);

    public delegate T ItemReader<out T>(ref MessagePackReader reader);

    public static void WriteInt32s(ref MessagePackWriter writer, IReadOnlyList<int> values)
    {
        writer.WriteArrayHeader(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            writer.Write(values[i]);
        }
    }

    public static void WriteStrings(ref MessagePackWriter writer, IReadOnlyList<string> values)
    {
        writer.WriteArrayHeader(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            writer.WriteText(values[i]);
        }
    }

    public static void Write<T>(ref MessagePackWriter writer, IReadOnlyList<T> values, ItemWriter<T> writeItem)
    {
        writer.WriteArrayHeader(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            writeItem(ref writer, values[i]);
        }
    }

    public static int[] ReadInt32s(ref MessagePackReader reader)
    {
        int count = reader.ReadArrayHeader();
        if (count == 0)
        {
            return [];
        }

        int[] values = new int[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = reader.ReadInt32();
        }

        return values;
    }

    public static string[] ReadStrings(ref MessagePackReader reader)
    {
        int count = reader.ReadArrayHeader();
        if (count == 0)
        {
            return [];
        }

        string[] values = new string[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = reader.ReadText();
        }

        return values;
    }

    public static T[] Read<T>(ref MessagePackReader reader, ItemReader<T> readItem)
    {
        int count = reader.ReadArrayHeader();
        if (count == 0)
        {
            return [];
        }

        T[] values = new T[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = readItem(ref reader);
        }

        return values;
    }
}
