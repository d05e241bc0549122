namespace Mproc.Coordinator.Watching;

/// <summary>
/// The keys of the watch loop: on a terminal, Enter runs everything, <c>f</c> re-runs the failing
/// tests, <c>q</c> leaves (Ctrl+C as well, through the host). With standard input redirected the same
/// come as lines: an empty line, <c>f</c>, <c>q</c>; its end changes nothing (file changes still count).
/// </summary>
public static class KeyInput
{
    public static void Start(Action<WatchTrigger> post, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(post);
        var terminal = !Console.IsInputRedirected;
        _ = Task.Factory.StartNew(() => Read(post, terminal, stop), stop, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>What a line of redirected input means, or null.</summary>
    public static WatchTrigger? FromLine(string line) => line.Trim().ToLowerInvariant() switch
    {
        "" => WatchTrigger.RunAll,
        "f" => WatchTrigger.RunFailed,
        "q" => WatchTrigger.Quit,
        _ => null,
    };

    private static void Read(Action<WatchTrigger> post, bool terminal, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                WatchTrigger? trigger;
                if (terminal)
                {
                    var key = Console.ReadKey(intercept: true);
                    trigger = key.Key == ConsoleKey.Enter ? WatchTrigger.RunAll
                        : char.ToLowerInvariant(key.KeyChar) switch { 'f' => WatchTrigger.RunFailed, 'q' => WatchTrigger.Quit, _ => null };
                }
                else
                {
                    var line = Console.In.ReadLine();
                    if (line is null)
                    {
                        return;
                    }

                    trigger = FromLine(line);
                }

                if (trigger is { } known)
                {
                    post(known);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            // No usable input after all: file changes and Ctrl+C still work.
        }
    }
}
