namespace Mproc.Coordinator.Cli;

/// <summary>
/// What a shared build's defaults come from: the CI system's variables (the build every job of one
/// CI run shares, the job's index among parallel jobs), else this machine's name and this process.
/// </summary>
public sealed record CiEnvironment(Func<string, string?> Variable, string HostName, int ProcessId)
{
    /// <summary>Variables naming one CI run, the first one set wins.</summary>
    public static readonly IReadOnlyList<string> BuildIdVariables =
    [
        "GITHUB_RUN_ID", // GitHub Actions; GITHUB_RUN_ATTEMPT is appended, so a re-run is a new build
        "CI_PIPELINE_ID", // GitLab
        "BUILDKITE_BUILD_ID",
        "CIRCLE_WORKFLOW_ID", // CircleCI
        "BUILD_BUILDID", // Azure Pipelines
    ];

    /// <summary>Variables holding a job's index among the parallel jobs of one step, the first one set wins.</summary>
    public static readonly IReadOnlyList<string> NodeIndexVariables =
    [
        "CI_NODE_INDEX", // GitLab (parallel:)
        "BUILDKITE_PARALLEL_JOB",
        "CIRCLE_NODE_INDEX", // CircleCI (parallelism:)
        "SYSTEM_JOBPOSITIONINPHASE", // Azure Pipelines (parallel:)
    ];

    public const string NodeIdPrefix = "node-";

    public static CiEnvironment Current { get; } = new(Environment.GetEnvironmentVariable, Environment.MachineName, Environment.ProcessId);

    /// <summary>The CI run's build id and the variable it came from, or null outside a known CI system.</summary>
    public (string Value, string Variable)? BuildId()
    {
        foreach (var name in BuildIdVariables)
        {
            if (Value(name) is not { } value)
            {
                continue;
            }

            return name == "GITHUB_RUN_ID" && Value("GITHUB_RUN_ATTEMPT") is { } attempt
                ? ($"{value}-{attempt}", $"{name} and GITHUB_RUN_ATTEMPT")
                : (value, name);
        }

        return null;
    }

    /// <summary><c>node-INDEX</c> for a parallel CI job, else <c>HOST-PID</c>; and where it came from.</summary>
    public (string Value, string Origin) NodeId()
    {
        foreach (var name in NodeIndexVariables)
        {
            if (Value(name) is { } index)
            {
                return (NodeIdPrefix + index, name);
            }
        }

        return ($"{HostName}-{ProcessId}", "the host name and process id");
    }

    private string? Value(string name) => Variable(name) is { Length: > 0 } value ? value.Trim() : null;
}
