using System.CommandLine;

namespace Mproc.Coordinator.Cli;

/// <summary><c>nunit-mproc report</c>: the merged reports of a build shared by several machines.</summary>
public sealed partial class CommandLineParser
{
    public const string ReportCommandName = "report";

    /// <summary>The node name the report step reads the build as.</summary>
    public const string ReportNodeId = "report";

    public static readonly TimeSpan DefaultInactiveTimeout = TimeSpan.FromSeconds(120);

    private readonly QueueCommandLine _reportQueue = new(node: false);

    private readonly Option<string> _reportResult = new("--result")
    {
        Description = "Where to write the build's merged NUnit3 result file.",
        DefaultValueFactory = _ => DefaultResultPath,
        HelpName = "FILE",
    };

    private readonly Option<bool> _reportNoResult = new("--no-result")
    {
        Description = "Do not write a result file.",
    };

    private readonly Option<string?> _reportJUnit = new("--junit")
    {
        Description = "Also write the build's results as JUnit XML.",
        HelpName = "FILE",
    };

    private readonly Option<string?> _reportTrx = new("--trx")
    {
        Description = "Also write the build's results as a Visual Studio TRX file.",
        HelpName = "FILE",
    };

    private readonly Option<bool> _reportNoCiOutput = new("--no-ci-output")
    {
        Description = "On GitHub Actions or Azure Pipelines, write no job summary and no failure annotations.",
    };

    private readonly Option<string?> _inactiveTimeout = new("--inactive-timeout")
    {
        Description = "Stop waiting when no machine has taken or renewed tests for this long (default 120).",
        HelpName = "SECONDS",
    };

    private readonly Option<string?> _reportTimeout = new("--report-timeout")
    {
        Description = "Stop waiting after this long in all (default: no limit).",
        HelpName = "SECONDS",
    };

    private readonly Command _report;

    private Command CreateReportCommand()
    {
        var report = new Command(
            ReportCommandName,
            "Many machines: wait until every test of a build shared through --queue has run on some machine, "
            + "then write the build's merged reports.");
        _reportQueue.AddTo(report);
        foreach (var option in new Option[] { _reportResult, _reportNoResult, _reportJUnit, _reportTrx, _reportNoCiOutput, _inactiveTimeout, _reportTimeout })
        {
            report.Options.Add(option);
        }

        report.SetAction(_ => 0);
        return report;
    }

    private ParseOutcome ParseReport(string[] args, ParseResult parsed, Func<string?, MprocSettings>? settingsFor)
    {
        MprocSettings settings;
        try
        {
            settings = settingsFor?.Invoke(null) ?? MprocSettings.Empty;
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            return ParseOutcome.Failed($"cannot read {MprocConfiguration.FileName}: {ex.Message}");
        }

        var values = new OptionValues(parsed, settings);
        if (!_reportQueue.IsGiven(values))
        {
            return ParseOutcome.Failed($"{ReportCommandName} needs --queue (or {QueueCommandLine.QueueVariable}), the queue the build's machines share");
        }

        var (queue, notices, queueError) = _reportQueue.Read(values, _environment, ReportNodeId);
        if (queue is null)
        {
            return ParseOutcome.Failed(queueError!);
        }

        var (noResult, noResultError) = values.Flag(_reportNoResult);
        var (noCiOutput, noCiOutputError) = values.Flag(_reportNoCiOutput);
        var inactiveTimeout = QueueCommandLine.Seconds(values, _inactiveTimeout, "120 or 2.5", out var inactiveError);
        var reportTimeout = QueueCommandLine.Seconds(values, _reportTimeout, "600 or 2.5", out var reportTimeoutError);
        if ((noResultError ?? noCiOutputError ?? inactiveError ?? reportTimeoutError) is { } error)
        {
            return ParseOutcome.Failed(error);
        }

        return new ParseOutcome(null, null)
        {
            Report = new Distributed.ReportOptions(
                queue,
                values.Disabled(_reportNoResult, _reportResult, noResult) ? null : values.Text(_reportResult).Value,
                values.Text(_reportJUnit).Value,
                values.Text(_reportTrx).Value,
                noCiOutput,
                inactiveTimeout ?? DefaultInactiveTimeout,
                reportTimeout,
                JoinCommandLine(args))
            {
                Notices = notices,
            },
        };
    }
}
