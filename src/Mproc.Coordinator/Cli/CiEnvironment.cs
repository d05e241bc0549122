using System.Globalization;

namespace Mproc.Coordinator.Cli;

/// <summary>
/// What a shared build's defaults come from: the CI system's variables (the build every job of one
/// CI run shares, the attempt a re-run raises, the job's index among parallel jobs), else this
/// machine's name and this process.
/// </summary>
public sealed record CiEnvironment(Func<string, string?> Variable, string HostName, int ProcessId)
{
    /// <summary>Variables naming one CI run (the same in a re-run of it), the first one set wins.</summary>
    public static readonly IReadOnlyList<string> BuildIdVariables =
    [
        "GITHUB_RUN_ID", // GitHub Actions
        "CI_PIPELINE_ID", // GitLab
        "BUILDKITE_BUILD_ID",
        "CIRCLE_WORKFLOW_ID", // CircleCI
        "BUILD_BUILDID", // Azure Pipelines
    ];

    /// <summary>
    /// Variables counting the attempts of a CI run or job, which a re-run raises, the first one set
    /// wins; with what to add so that the first attempt is 1.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, int Offset)> AttemptVariables =
    [
        ("GITHUB_RUN_ATTEMPT", 0), // GitHub Actions: 1, then one more for each re-run of the workflow run (all jobs or the failed ones)
        ("SYSTEM_JOBATTEMPT", 0), // Azure Pipelines: 1 the first time the job runs, one more each time it is retried
        ("BUILDKITE_RETRY_COUNT", 1), // Buildkite: how many times this job was retried, 0 at first
        ("CI_JOB_RETRY_COUNT", 1), // GitLab, where it sets it: how many times this job was retried, 0 at first
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
            if (Value(name) is { } value)
            {
                return (value, name);
            }
        }

        return null;
    }

    /// <summary>
    /// The CI run's attempt (1 the first time), the variable it came from and its text, or null
    /// outside a CI system that counts attempts; the attempt is null when the variable holds no
    /// whole number.
    /// </summary>
    public (int? Value, string Variable, string Text)? Attempt()
    {
        foreach (var (name, offset) in AttemptVariables)
        {
            if (Value(name) is not { } text)
            {
                continue;
            }

            var valid = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count + offset >= 1 && count < int.MaxValue;
            return (valid ? count + offset : null, name, text);
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
