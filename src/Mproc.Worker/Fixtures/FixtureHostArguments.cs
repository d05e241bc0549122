using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mproc.Worker.Fixtures;

/// <summary>
/// The command line of a fixture host, written by the coordinator:
/// <c>--fixture-host --parent-pid PID --run-id ID --worker-count N</c>.
/// </summary>
internal sealed record FixtureHostArguments(int ParentPid, FixtureRunInfo Run)
{
    public const string Flag = "--fixture-host";

    public static bool TryParse(string[] args, [NotNullWhen(true)] out FixtureHostArguments? result, [NotNullWhen(false)] out string? error)
    {
        int? parentPid = null;
        string? runId = null;
        int? workerCount = null;
        result = null;
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--parent-pid" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid):
                    parentPid = pid;
                    break;
                case "--run-id" when value is not null:
                    runId = value;
                    break;
                case "--worker-count" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count):
                    workerCount = count;
                    break;
                default:
                    error = $"unexpected argument '{args[i]}'";
                    return false;
            }
        }

        if (args.Length == 0 || args[0] != Flag || parentPid is null || runId is null || workerCount is null)
        {
            error = $"{Flag} needs --parent-pid, --run-id and --worker-count";
            return false;
        }

        error = null;
        result = new FixtureHostArguments(parentPid.Value, new FixtureRunInfo(runId, workerCount.Value));
        return true;
    }
}
