using System.Globalization;
using System.Text;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Reporting;

/// <summary>
/// TeamCity service messages for a run, as NUnit's TeamCity event listener (the one nunit3-console
/// loads with --teamcity) writes them: per assembly a flow and <c>testSuiteStarted</c>/<c>testSuiteFinished</c>
/// named by the assembly file; per test <c>testStarted</c> (captureStandardOutput='false'), its
/// output as <c>testStdOut</c> (live error output as <c>testStdErr</c>), then <c>testFailed</c> with
/// message and stack trace and <c>testFinished</c> with the duration in milliseconds, or
/// <c>testIgnored</c> with the reason for a skipped test ('Inconclusive' for an inconclusive one).
/// Tests run in flows of their own, one per worker and assembly, child flows of the assembly's. No
/// I/O: each event gives the lines to write. Not thread-safe: the caller serializes calls.
/// </summary>
public sealed class TeamCityMessages
{
    private const string ParseInside = "tc:parseServiceMessagesInside";

    private readonly Func<int, string> _assemblyOf;
    private readonly List<string> _assemblies = [];
    private readonly Dictionary<string, List<string>> _workerFlows = new(StringComparer.Ordinal);
    private readonly HashSet<(int WorkerId, int Ordinal)> _started = [];

    /// <param name="assemblyOf">The file name of the assembly a test (by ordinal) belongs to.</param>
    public TeamCityMessages(Func<int, string> assemblyOf) => _assemblyOf = assemblyOf;

    /// <summary>A message line: <c>##teamcity[name key='value' ...]</c>, values escaped.</summary>
    public static string Format(string name, params (string Key, string Value)[] attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var line = new StringBuilder("##teamcity[").Append(name);
        foreach (var (key, value) in attributes)
        {
            line.Append(' ').Append(key).Append("='").Append(Escape(value)).Append('\'');
        }

        return line.Append(']').ToString();
    }

    /// <summary>TeamCity's escaping: | ' \n \r [ ] and the Unicode line and paragraph separators, next line and right single quote.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c switch
            {
                '|' => escaped.Append("||"),
                '\'' => escaped.Append("|'"),
                '\u2019' => escaped.Append("|\u2019"),
                '\n' => escaped.Append("|n"),
                '\r' => escaped.Append("|r"),
                '\u0085' => escaped.Append("|x"),
                '\u2028' => escaped.Append("|l"),
                '\u2029' => escaped.Append("|p"),
                '[' => escaped.Append("|["),
                ']' => escaped.Append("|]"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    public IReadOnlyList<string> TestStarted(int workerId, int ordinal, string fullName)
    {
        var lines = new List<string>();
        _started.Add((workerId, ordinal));
        lines.Add(Format("testStarted", ("name", fullName), ("captureStandardOutput", "false"), ("flowId", Flow(workerId, ordinal, lines))));
        return lines;
    }

    /// <summary>A test's result; a test reported without having started (a suite skipped or failed as a whole) is started first.</summary>
    public IReadOnlyList<string> TestFinished(int workerId, int ordinal, string fullName, TestOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var lines = new List<string>();
        if (!_started.Remove((workerId, ordinal)))
        {
            lines.AddRange(TestStarted(workerId, ordinal, fullName));
            _started.Remove((workerId, ordinal));
        }

        var flow = Flow(workerId, ordinal, lines);
        switch (outcome.Status)
        {
            case "Failed":
                lines.Add(Format("testFailed", ("name", fullName), ("message", outcome.Message ?? string.Empty), ("details", outcome.StackTrace ?? string.Empty), ("flowId", flow)));
                Finished(lines, fullName, outcome, flow);
                break;
            case "Skipped":
                StdOut(lines, fullName, outcome.Output, flow);
                lines.Add(Format("testIgnored", ("name", fullName), ("message", outcome.Message ?? string.Empty), ("flowId", flow)));
                break;
            case "Inconclusive":
                StdOut(lines, fullName, outcome.Output, flow);
                lines.Add(Format("testIgnored", ("name", fullName), ("message", "Inconclusive"), ("flowId", flow)));
                break;
            default:
                // Passed; also Warning, which the listener leaves unfinished: TeamCity would wait for it.
                Finished(lines, fullName, outcome, flow);
                break;
        }

        return lines;
    }

    /// <summary>A line a running test wrote to a live stream (NUnit's "Error" stream is testStdErr).</summary>
    public IReadOnlyList<string> Output(int workerId, int ordinal, string fullName, string stream, string line)
    {
        var lines = new List<string>();
        var flow = Flow(workerId, ordinal, lines);
        lines.Add(Format(stream == "Error" ? "testStdErr" : "testStdOut", ("name", fullName), ("out", line), ("flowId", flow), ("tc:tags", ParseInside)));
        return lines;
    }

    /// <summary>The end of the run: every flow and suite that was started is finished.</summary>
    public IReadOnlyList<string> End()
    {
        var lines = new List<string>();
        foreach (var assembly in _assemblies)
        {
            foreach (var flow in _workerFlows[assembly])
            {
                lines.Add(Format("flowFinished", ("flowId", flow)));
            }

            var assemblyFlow = AssemblyFlow(assembly);
            lines.Add(Format("testSuiteFinished", ("name", assembly), ("flowId", assemblyFlow)));
            lines.Add(Format("flowFinished", ("flowId", assemblyFlow)));
        }

        _assemblies.Clear();
        _workerFlows.Clear();
        return lines;
    }

    private static void Finished(List<string> lines, string fullName, TestOutcome outcome, string flow)
    {
        StdOut(lines, fullName, outcome.Output, flow);
        if (outcome.Status == "Passed" && !string.IsNullOrEmpty(outcome.Message))
        {
            StdOut(lines, fullName, "Assert.Pass message: " + outcome.Message, flow);
        }

        var milliseconds = (int)(outcome.DurationSeconds * 1000d);
        lines.Add(Format("testFinished", ("name", fullName), ("duration", milliseconds.ToString(CultureInfo.InvariantCulture)), ("flowId", flow)));
    }

    private static void StdOut(List<string> lines, string fullName, string? output, string flow)
    {
        if (!string.IsNullOrEmpty(output))
        {
            lines.Add(Format("testStdOut", ("name", fullName), ("out", output), ("flowId", flow), ("tc:tags", ParseInside)));
        }
    }

    /// <summary>The flow a worker runs an assembly's tests in, started (with the assembly's suite) when first used.</summary>
    private string Flow(int workerId, int ordinal, List<string> lines)
    {
        var assembly = _assemblyOf(ordinal);
        var assemblyFlow = AssemblyFlow(assembly);
        if (!_workerFlows.TryGetValue(assembly, out var flows))
        {
            _workerFlows[assembly] = flows = [];
            _assemblies.Add(assembly);
            lines.Add(Format("flowStarted", ("flowId", assemblyFlow), ("parent", ".")));
            lines.Add(Format("testSuiteStarted", ("name", assembly), ("flowId", assemblyFlow)));
        }

        var flow = $"{assemblyFlow}/worker{workerId.ToString(CultureInfo.InvariantCulture)}";
        if (!flows.Contains(flow))
        {
            flows.Add(flow);
            lines.Add(Format("flowStarted", ("flowId", flow), ("parent", assemblyFlow)));
        }

        return flow;
    }

    private string AssemblyFlow(string assembly) => "mproc-" + (_assemblies.IndexOf(assembly) is var i and >= 0 ? i : _assemblies.Count).ToString(CultureInfo.InvariantCulture);
}
