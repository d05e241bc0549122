using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Reporting;

/// <summary>
/// What a CI system shows of a run besides its log: on GitHub Actions (<c>GITHUB_ACTIONS=true</c>) a
/// Markdown job summary appended to <c>$GITHUB_STEP_SUMMARY</c> and an <c>::error</c> annotation per
/// failure, placed on the file and line of the repository's code its stack trace points to; on Azure
/// Pipelines (<c>TF_BUILD=True</c>) a <c>##vso[task.logissue]</c> per failure, placed the same way.
/// </summary>
public static partial class CiOutput
{
    /// <summary>Annotations per run at most: CI systems show only the first few anyway.</summary>
    public const int MaxAnnotations = 50;

    private const int SummaryFailures = 50;
    private const int SummarySlowest = 10;

    /// <summary>Writes what the CI system in <paramref name="environment"/> reads; nothing outside one.</summary>
    public static void Write(AggregatedRun run, ResultSummary summary, Func<string, string?> environment, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(log);
        var github = string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);
        var azure = string.Equals(environment("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase);
        if (!github && !azure)
        {
            return;
        }

        var failures = ConsoleReporter.ErrorsFailuresAndWarnings(run);
        var root = github ? environment("GITHUB_WORKSPACE") : environment("BUILD_SOURCESDIRECTORY");
        foreach (var (node, result) in failures.Take(MaxAnnotations))
        {
            var site = SiteOf(result.StackTrace, root);
            var message = FirstLines(result.Message) ?? result.Status;
            var warning = result.Status == TestStatuses.Warning;
            log.WriteLine(github ? GitHubAnnotation(warning, node.Node.FullName, message, site) : AzureIssue(warning, node.Node.FullName, message, site));
        }

        if (github && environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } summaryPath)
        {
            File.AppendAllText(summaryPath, JobSummary(run, summary, failures), new UTF8Encoding(false));
        }
    }

    /// <summary>The file (relative to <paramref name="root"/>, with '/') and line of the first stack frame in the repository, if any.</summary>
    public static (string File, int Line)? SiteOf(string? stackTrace, string? root)
    {
        if (string.IsNullOrEmpty(stackTrace) || string.IsNullOrEmpty(root))
        {
            return null;
        }

        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        foreach (Match frame in StackFrame().Matches(stackTrace))
        {
            var file = frame.Groups["file"].Value.Trim();
            if (Path.IsPathFullyQualified(file) && file.StartsWith(fullRoot, StringComparison.Ordinal))
            {
                return (file[fullRoot.Length..].Replace('\\', '/'), int.Parse(frame.Groups["line"].Value, CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    /// <summary>A workflow command: <c>::error file=F,line=L,title=T::message</c>, escaped as GitHub's toolkit escapes it.</summary>
    public static string GitHubAnnotation(bool warning, string title, string message, (string File, int Line)? site)
    {
        var properties = new StringBuilder();
        if (site is { } s)
        {
            properties.Append(CultureInfo.InvariantCulture, $"file={GitHubProperty(s.File)},line={s.Line},");
        }

        properties.Append("title=").Append(GitHubProperty(title));
        return $"::{(warning ? "warning" : "error")} {properties}::{GitHubData(message)}";
    }

    /// <summary>An Azure Pipelines logging command: <c>##vso[task.logissue type=error;sourcepath=F;linenumber=L;]message</c>.</summary>
    public static string AzureIssue(bool warning, string name, string message, (string File, int Line)? site)
    {
        var properties = new StringBuilder($"type={(warning ? "warning" : "error")};");
        if (site is { } s)
        {
            properties.Append(CultureInfo.InvariantCulture, $"sourcepath={AzureProperty(s.File)};linenumber={s.Line};");
        }

        return $"##vso[task.logissue {properties}]{AzureData($"{name}: {message}")}";
    }

    private static string JobSummary(AggregatedRun run, ResultSummary summary, IReadOnlyList<(ResultNode Node, NodeResult Result)> failures)
    {
        var text = new StringBuilder();
        var icon = summary.FailedCount > 0 ? "❌" : "✅";
        text.AppendLine(CultureInfo.InvariantCulture, $"## {icon} nunit-mproc: {summary.TestCount} tests, {summary.PassCount} passed, {summary.FailedCount} failed");
        text.AppendLine();
        text.AppendLine("| Tests | Passed | Failed | Warnings | Inconclusive | Skipped | Duration |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {summary.TestCount} | {summary.PassCount} | {summary.FailedCount} | {summary.WarningCount} | {summary.InconclusiveCount} | {summary.TotalSkipCount} | {summary.DurationSeconds:0.00} s |");
        if (failures.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"### Failures and warnings ({failures.Count})");
            text.AppendLine();
            foreach (var (node, result) in failures.Take(SummaryFailures))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- **{Markdown(node.Node.FullName)}** ({result.Status}{(string.IsNullOrEmpty(result.Label) ? string.Empty : ", " + result.Label)}): {Markdown(FirstLines(result.Message) ?? string.Empty)}");
            }

            if (failures.Count > SummaryFailures)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- ... and {failures.Count - SummaryFailures} more");
            }
        }

        var slowest = DurationsReporter.TestsWithResults(run.Report)
            .OrderByDescending(t => t.Outcome!.DurationSeconds).Take(SummarySlowest).ToList();
        if (slowest.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### Slowest tests");
            text.AppendLine();
            text.AppendLine("| Seconds | Worker | Test |");
            text.AppendLine("| ---: | ---: | --- |");
            foreach (var test in slowest)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {test.Outcome!.DurationSeconds:0.000} | {test.WorkerId} | {Markdown(test.Node.FullName)} |");
            }
        }

        if (run.Report.Workers.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### Workers");
            text.AppendLine();
            text.AppendLine("| Worker | Pid | Tests | Busy (s) | Processes |");
            text.AppendLine("| ---: | ---: | ---: | ---: | ---: |");
            foreach (var worker in run.Report.Workers.OrderBy(w => w.WorkerId))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {worker.WorkerId} | {worker.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {worker.TestsRun} | {worker.BusySeconds:0.000} | {worker.Processes} |");
            }
        }

        text.AppendLine();
        return text.ToString();
    }

    /// <summary>A message's first lines (at most 5), trimmed; null when it has none.</summary>
    private static string? FirstLines(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var lines = message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).Take(5);
        return string.Join('\n', lines).Trim();
    }

    private static string Markdown(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string GitHubData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string GitHubProperty(string text) =>
        GitHubData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string AzureData(string text) =>
        text.Replace("%", "%AZP25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal);

    private static string AzureProperty(string text) => AzureData(text).Replace(";", "%3B", StringComparison.Ordinal);

    /// <summary>A .NET stack frame with a source location: "at M() in /path/File.cs:line 12".</summary>
    [GeneratedRegex(@" in (?<file>.+?):line (?<line>\d+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex StackFrame();
}
