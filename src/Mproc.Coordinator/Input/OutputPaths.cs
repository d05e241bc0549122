namespace Mproc.Coordinator.Input;

/// <summary>
/// Checks, before anything runs, that every result file asked for can be written: a path that is a
/// folder, lies under a file, or is in a folder this user cannot write to would otherwise be found
/// only after the whole suite ran.
/// </summary>
public static class OutputPaths
{
    /// <summary>The first problem with the result files of <paramref name="options"/>, or null.</summary>
    public static string? Check(Cli.MprocOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Check(options.ResultPath, options.JUnitPath, options.TrxPath);
    }

    /// <summary>The first problem with the result files of the report command, or null.</summary>
    public static string? Check(Distributed.ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Check(options.ResultPath, options.JUnitPath, options.TrxPath);
    }

    private static string? Check(string? resultPath, string? junitPath, string? trxPath) =>
        Check("result file", resultPath) ?? Check("JUnit result file", junitPath) ?? Check("TRX result file", trxPath);

    private static string? Check(string what, string? path)
    {
        if (path is null)
        {
            return null;
        }

        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            return $"cannot write the {what} {fullPath}: it is a folder";
        }

        try
        {
            if (File.Exists(fullPath))
            {
                // Opened for writing, not truncated: the file stays as it is until the report replaces it.
                using (new FileStream(fullPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                {
                }

                return null;
            }

            // The folders the writer would create, and a file in the folder the result would go to.
            var folder = Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!).FullName;
            using (new FileStream(Path.Combine(folder, $".nunit-mproc-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot write the {what} {fullPath}: {ex.Message}";
        }
    }
}
