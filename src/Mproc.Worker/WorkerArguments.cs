using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mproc.Worker;

/// <summary>The worker's command line, written by the coordinator.</summary>
internal sealed record WorkerArguments(string PipePath, int WorkerId, int? ParentPid)
{
    public static bool TryParse(string[] args, [NotNullWhen(true)] out WorkerArguments? result, [NotNullWhen(false)] out string? error)
    {
        string? pipe = null;
        int? workerId = null;
        int? parentPid = null;
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
        result = new WorkerArguments(pipe, workerId.Value, parentPid);
        return true;
    }
}
