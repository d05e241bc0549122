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
    private const int TestParametersKey = 8;
    private const int DefaultCultureKey = 9;
    private const int DefaultUICultureKey = 10;
    private const int WorkDirectoryKey = 11;
    private const int DefaultTimeoutKey = 12;
    private const int MaxFailKey = 13;
    private const int FailedFirstKey = 14;

    public static void Write(ref MessagePackWriter writer, Welcome value)
    {
        writer.WriteMapHeader(15);
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
        writer.Write(TestParametersKey);
        writer.WriteArrayHeader(value.TestParameterList.Count * 2);
        foreach (var parameter in value.TestParameterList)
        {
            writer.WriteText(parameter.Name);
            writer.WriteText(parameter.Value);
        }

        // Empty text is "not set" on the wire.
        writer.Write(DefaultCultureKey);
        writer.WriteText(value.DefaultCulture ?? string.Empty);
        writer.Write(DefaultUICultureKey);
        writer.WriteText(value.DefaultUICulture ?? string.Empty);
        writer.Write(WorkDirectoryKey);
        writer.WriteText(value.WorkDirectory ?? string.Empty);
        writer.Write(DefaultTimeoutKey);
        writer.Write(value.DefaultTimeout);
        writer.Write(MaxFailKey);
        writer.Write(value.MaxFail);
        writer.Write(FailedFirstKey);
        ListSerializer.WriteStrings(ref writer, value.FailedFirst ?? []);
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
        IReadOnlyList<TestParameter>? testParameters = null;
        string? defaultCulture = null;
        string? defaultUICulture = null;
        string? workDirectory = null;
        int defaultTimeout = 0;
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
                case TestParametersKey:
                    // None is null, as a Welcome made without any has it.
                    testParameters = ReadParameters(ref reader) is { Length: > 0 } read ? read : null;
                    break;
                case DefaultCultureKey:
                    defaultCulture = NullIfEmpty(reader.ReadText());
                    break;
                case DefaultUICultureKey:
                    defaultUICulture = NullIfEmpty(reader.ReadText());
                    break;
                case WorkDirectoryKey:
                    workDirectory = NullIfEmpty(reader.ReadText());
                    break;
                case DefaultTimeoutKey:
                    defaultTimeout = reader.ReadInt32();
                    break;
                case MaxFailKey:
                    maxFail = reader.ReadInt32();
                    break;
                case FailedFirstKey:
                    failedFirst = ListSerializer.ReadStrings(ref reader) is { Length: > 0 } names ? names : null;
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
            reorderTests,
            testParameters,
            defaultCulture,
            defaultUICulture,
            workDirectory,
            defaultTimeout,
            maxFail,
            failedFirst);
    }

    /// <summary>Name, value, name, value, ...: an odd count is malformed.</summary>
    private static TestParameter[] ReadParameters(ref MessagePackReader reader)
    {
        var texts = ListSerializer.ReadStrings(ref reader);
        if (texts.Length % 2 != 0)
        {
            throw new ProtocolException("Welcome: test parameters are not name/value pairs.");
        }

        var parameters = new TestParameter[texts.Length / 2];
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = new TestParameter(texts[2 * i], texts[(2 * i) + 1]);
        }

        return parameters;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
