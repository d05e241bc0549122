using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mproc.Worker;

/// <summary>
/// The worker's command line, written by the coordinator. <c>--preload PATH</c> (repeatable) with
/// <c>--seed N</c> names test assemblies the worker may load while it waits for the Welcome;
/// <c>--events PATH</c> the event log the coordinator made for it.
/// </summary>
internal sealed record WorkerArguments(string PipePath, int WorkerId, int? ParentPid, IReadOnlyList<string> Preload, int? RandomSeed, string? EventsPath = null)
{
    public static bool TryParse(string[] args, [NotNullWhen(true)] out WorkerArguments? result, [NotNullWhen(false)] out string? error)
    {
        string? pipe = null;
        int? workerId = null;
        int? parentPid = null;
        int? seed = null;
        string? events = null;
        var preload = new List<string>();
        result = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--pipe" when value is not null:
                    pipe = value;
                    break;
                case "--worker-id" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                    workerId = id;
                    break;
                case "--parent-pid" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid):
                    parentPid = pid;
                    break;
                case "--preload" when value is not null:
                    preload.Add(value);
                    break;
                case "--events" when value is not null:
                    events = value;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    break;
                default:
                    error = $"unexpected argument '{args[i]}'";
                    return false;
            }

            i++;
        }

        if (pipe is null || workerId is null)
        {
            error = "--pipe and --worker-id are required";
            return false;
        }

        error = null;
        if (preload.Count > 0 && seed is null)
        {
            error = "--preload needs --seed";
            return false;
        }

        result = new WorkerArguments(pipe, workerId.Value, parentPid, preload, seed, events);
        return true;
    }
}
