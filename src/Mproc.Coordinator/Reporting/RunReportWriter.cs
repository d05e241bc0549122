using Mproc.Coordinator.Cli;
using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Reporting;

/// <summary>
/// A finished run's reports: the NUnit3 result file, JUnit and TRX when asked, the console
/// summary, the slowest tests, CI output; and the exit code. One way for a run on one machine and
/// for the merged report of a build shared by several.
/// </summary>
public sealed class RunReportWriter(MprocOptions options, string filterXml, ConsoleStreams console)
{
    private readonly MprocOptions _options = options;
    private readonly string _filterXml = filterXml;
    private readonly ConsoleStreams _console = console;

    /// <summary>Writes the result files and the console summary; returns the exit code the results call for.</summary>
    public int Write(RunReport report, bool wasInterrupted, int selected)
    {
        var aggregated = ResultAggregator.Aggregate(report);
        var summary = ResultSummary.From(aggregated);
        var resultPath = _options.ResultPath is null ? null : Path.GetFullPath(_options.ResultPath);
        string? writeError = null;
        if (resultPath is not null)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(resultPath)!);
                new NUnit3XmlWriter(new NUnit3XmlWriterOptions { FilterXml = _filterXml }).WriteFile(aggregated, resultPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                writeError = $"cannot write the result file {resultPath}: {ex.Message}";
                resultPath = null;
            }
        }

        var (extraFiles, extraError) = ExtraResultFiles.Write(aggregated, _options);
        writeError ??= extraError;
        new ConsoleReporter(_console.Out).Write(aggregated, summary, resultPath);
        foreach (var line in extraFiles)
        {
            _console.Out.WriteLine(line);
        }

        if (_options.Durations > 0)
        {
            DurationsReporter.Write(_console.Out, report, _options.Durations);
        }

        if (!_options.NoCiOutput)
        {
            try
            {
                CiOutput.Write(aggregated, summary, Environment.GetEnvironmentVariable, _console.Out);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _console.Error.WriteLine($"nunit-mproc: warning: cannot write the CI job summary: {ex.Message}");
            }
        }

        if (writeError is not null)
        {
            _console.Out.Flush();
            return _console.Fail(writeError, ExitCodes.UnexpectedError);
        }

        if (summary.TestCount != selected || (!wasInterrupted && summary.NotRunCount > 0))
        {
            _console.Out.Flush();
            return _console.Fail(
                $"{Math.Max(summary.NotRunCount, Math.Abs(selected - summary.TestCount))} tests unaccounted for: {selected} selected, {summary.TestCount - summary.NotRunCount} results",
                ExitCodes.UnexpectedError);
        }

        if (summary.TestCount == 0)
        {
            _console.Out.WriteLine(_options.Where is null ? "No tests found." : $"No tests matched --where \"{_options.Where}\".");
        }

        _console.Out.Flush();
        return wasInterrupted ? ExitCodes.Interrupted : ExitCodes.FromSummary(summary);
    }
}
