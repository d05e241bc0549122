namespace Mproc.Coordinator.Transport;

/// <summary>
/// The folder of one run in the temp folder (Unix): the socket and the workers' event logs, which hold
/// test messages and output. Mode 0700 whatever the umask, so no other user can connect or read; gone
/// when the run ends (the last worker removes it when the coordinator was killed).
/// </summary>
public static class RunFolder
{
    /// <summary>Creates the folder of <paramref name="pipePath"/>, owner-only; a folder that is already there must be ours and owner-only.</summary>
    public static void Create(string pipePath)
    {
        ArgumentNullException.ThrowIfNull(pipePath);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Path.GetDirectoryName(pipePath)!;
        var info = Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if ((info.UnixFileMode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0)
        {
            throw new UnauthorizedAccessException($"the run folder {folder} is open to other users");
        }
    }

    /// <summary>Removes the folder of <paramref name="pipePath"/> if nothing is left in it.</summary>
    public static void RemoveIfEmpty(string pipePath)
    {
        ArgumentNullException.ThrowIfNull(pipePath);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            Directory.Delete(Path.GetDirectoryName(pipePath)!, recursive: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not empty (a worker's event log still named) or already gone: its last user removes it.
        }
    }
}
