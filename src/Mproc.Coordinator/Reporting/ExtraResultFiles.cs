using Mproc.Coordinator.Cli;
using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Reporting;

/// <summary>Writes the result files asked for besides the NUnit3 one: JUnit XML (--junit) and TRX (--trx).</summary>
public static class ExtraResultFiles
{
    /// <summary>Writes each file; returns the lines to print (one per written file) and the first write error, if any.</summary>
    public static (IReadOnlyList<string> Written, string? Error) Write(AggregatedRun run, MprocOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        var written = new List<string>();
        string? error = null;
        Try("JUnit", options.JUnitPath, path => new JUnitXmlWriter().WriteFile(run, path));
        Try("TRX", options.TrxPath, path => new TrxWriter().WriteFile(run, path));
        return (written, error);

        void Try(string format, string? path, Action<string> write)
        {
            if (path is null)
            {
                return;
            }

            var fullPath = Path.GetFullPath(path);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
                write(fullPath);
                written.Add($"{format} result: {fullPath}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error ??= $"cannot write the {format} result file {fullPath}: {ex.Message}";
            }
        }
    }
}
