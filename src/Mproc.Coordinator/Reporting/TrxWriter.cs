using System.Globalization;
using System.Text;
using System.Xml;
using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Reporting;

/// <summary>
/// Writes the merged run as a Visual Studio test results file (TRX, the TeamTest 2010 schema that
/// <c>dotnet test --logger trx</c>, Azure DevOps and other CI readers use), in the element order
/// vstest writes: Times, TestSettings, Results, TestDefinitions, TestEntries, TestLists,
/// ResultSummary. Ids are name-based UUIDs of the assembly file name and the test's full name, so
/// they are the same in every run. Outcomes follow the NUnit test adapter's defaults: skipped,
/// ignored, explicit and warning results are NotExecuted.
/// </summary>
public sealed partial class TrxWriter
{
    public const string Namespace = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>The test type id of a unit test, fixed by Visual Studio.</summary>
    public const string UnitTestType = "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b";

    /// <summary>The ids of the two test lists Visual Studio always writes.</summary>
    public const string ResultsNotInAListId = "8c84fa94-04c1-424b-9868-57a2d4851a1d";

    public const string AllLoadedResultsId = "19431567-8539-422a-85d7-44ee4e166bda";

    public const string AdapterTypeName = "executor://NUnit3TestExecutor";

    private readonly string _computerName;
    private readonly string _user;

    public TrxWriter(string? computerName = null, string? user = null)
    {
        _computerName = computerName ?? Environment.MachineName;
        _user = user ?? Environment.UserName;
    }

    /// <summary>Writes the file to <paramref name="path"/>, replacing any existing file.</summary>
    public void WriteFile(AggregatedRun run, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(run, stream);
    }

    /// <summary>Writes the document as UTF-8 (with the byte order mark, as vstest does) to <paramref name="output"/>.</summary>
    public void Write(AggregatedRun run, Stream output)
    {
        ArgumentNullException.ThrowIfNull(run);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(true), Indent = true, IndentChars = "  ", CloseOutput = false };
        using var xml = XmlWriter.Create(output, settings);
        var report = run.Report;
        var runId = Guid.TryParse(report.RunId, out var parsed) ? parsed : NameBasedGuid.Create(report.RunId);
        var tests = TrxTest.Collect(run, runId);

        xml.WriteStartDocument();
        xml.WriteStartElement("TestRun", Namespace);
        xml.WriteAttributeString("id", runId.ToString("D"));
        XmlText.WriteAttribute(xml, "name", $"{_user}@{_computerName} {Time(report.StartUtc)}");
        XmlText.WriteAttribute(xml, "runUser", _user);

        xml.WriteStartElement("Times", Namespace);
        xml.WriteAttributeString("creation", Time(report.StartUtc));
        xml.WriteAttributeString("queuing", Time(report.StartUtc));
        xml.WriteAttributeString("start", Time(report.StartUtc));
        xml.WriteAttributeString("finish", Time(report.EndUtc));
        xml.WriteEndElement();

        xml.WriteStartElement("TestSettings", Namespace);
        xml.WriteAttributeString("name", "default");
        xml.WriteAttributeString("id", NameBasedGuid.Create(runId, "settings").ToString("D"));
        xml.WriteStartElement("Deployment", Namespace);
        XmlText.WriteAttribute(xml, "runDeploymentRoot", $"{_user}_{_computerName}_{report.StartUtc.ToString("yyyy-MM-dd_HH_mm_ss", CultureInfo.InvariantCulture)}");
        xml.WriteEndElement();
        xml.WriteEndElement();

        WriteResults(xml, tests);
        WriteDefinitions(xml, tests);
        WriteEntries(xml, tests);
        WriteLists(xml);
        WriteSummary(xml, tests);

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteLists(XmlWriter xml)
    {
        xml.WriteStartElement("TestLists", Namespace);
        foreach (var (name, id) in new[] { ("Results Not in a List", ResultsNotInAListId), ("All Loaded Results", AllLoadedResultsId) })
        {
            xml.WriteStartElement("TestList", Namespace);
            xml.WriteAttributeString("name", name);
            xml.WriteAttributeString("id", id);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteSummary(XmlWriter xml, IReadOnlyList<TrxTest> tests)
    {
        var passed = tests.Count(t => t.Outcome == TrxOutcomes.Passed);
        var failed = tests.Count(t => t.Outcome == TrxOutcomes.Failed);
        var inconclusive = tests.Count(t => t.Outcome == TrxOutcomes.Inconclusive);
        var notExecuted = tests.Count(t => t.Outcome == TrxOutcomes.NotExecuted);
        xml.WriteStartElement("ResultSummary", Namespace);
        xml.WriteAttributeString("outcome", failed > 0 ? TrxOutcomes.Failed : TrxOutcomes.Completed);
        xml.WriteStartElement("Counters", Namespace);
        WriteCounter(xml, "total", tests.Count);
        WriteCounter(xml, "executed", tests.Count - notExecuted);
        WriteCounter(xml, "passed", passed);
        WriteCounter(xml, "failed", failed);
        foreach (var zero in new[] { "error", "timeout", "aborted" })
        {
            WriteCounter(xml, zero, 0);
        }

        WriteCounter(xml, "inconclusive", inconclusive);
        WriteCounter(xml, "passedButRunAborted", 0);
        WriteCounter(xml, "notRunnable", 0);
        WriteCounter(xml, "notExecuted", notExecuted);
        foreach (var zero in new[] { "disconnected", "warning", "completed", "inProgress", "pending" })
        {
            WriteCounter(xml, zero, 0);
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteCounter(XmlWriter xml, string name, int value) =>
        xml.WriteAttributeString(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A local time with its offset and seven decimals, as vstest writes times.</summary>
    public static string Time(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

    /// <summary>hh:mm:ss.fffffff (hours may exceed 23).</summary>
    public static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Max(0, double.IsFinite(seconds) ? seconds : 0));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours:00}:{span.Minutes:00}:{span.Seconds:00}.{span.Ticks % TimeSpan.TicksPerSecond:0000000}");
    }
}
