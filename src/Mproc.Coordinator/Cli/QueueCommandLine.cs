using System.CommandLine;
using System.Globalization;
using Mproc.Coordinator.Distributed;

namespace Mproc.Coordinator.Cli;

/// <summary>
/// The options that put a run (or the report) on a build shared through Redis: --queue, --build-id,
/// --attempt and, for a node, --node-id, --lease-time, --max-lost and --queue-ttl. Each command has its own set.
/// </summary>
internal sealed class QueueCommandLine
{
    public const int MaxNameLength = 200;

    public const string QueueVariable = MprocConfiguration.EnvironmentPrefix + "QUEUE";

    private readonly Option<string?> _queue = new("--queue")
    {
        Description = "Many machines: a Redis queue shared by every machine of the build, redis://[user:password@]host[:port][/db] or rediss:// (TLS). Put a password in MPROC_QUEUE, not on the command line.",
        HelpName = "URL",
    };

    private readonly Option<string?> _buildId = new("--build-id")
    {
        Description = "Many machines: the build every machine shares (default: the CI run's GITHUB_RUN_ID, CI_PIPELINE_ID, BUILDKITE_BUILD_ID, CIRCLE_WORKFLOW_ID or BUILD_BUILDID; a re-run keeps it).",
        HelpName = "ID",
    };

    private readonly Option<string?> _attempt = new("--attempt")
    {
        Description = "Many machines: the build's attempt; a later one runs again only the tests that failed or have no result (default: GITHUB_RUN_ATTEMPT, SYSTEM_JOBATTEMPT, BUILDKITE_RETRY_COUNT + 1 or CI_JOB_RETRY_COUNT + 1, else 1).",
        HelpName = "N",
    };

    private readonly Option<string?>? _nodeId;
    private readonly Option<string?>? _leaseTime;
    private readonly Option<string?>? _maxLost;
    private readonly Option<string?>? _queueTtl;

    /// <param name="node">With the options of a machine that runs tests (a node), not only those of the report.</param>
    public QueueCommandLine(bool node)
    {
        if (!node)
        {
            return;
        }

        _nodeId = new("--node-id")
        {
            Description = "Many machines: this machine's name in the report (default: node-INDEX from CI_NODE_INDEX, BUILDKITE_PARALLEL_JOB, CIRCLE_NODE_INDEX or SYSTEM_JOBPOSITIONINPHASE, else HOST-PID).",
            HelpName = "NAME",
        };
        _leaseTime = new("--lease-time")
        {
            Description = "Many machines: how long a machine holds the tests it took without renewing (default 30); a machine silent that long loses them to the others.",
            HelpName = "SECONDS",
        };
        _maxLost = new("--max-lost")
        {
            Description = "Many machines: tests whose machines were lost this many times are reported failed instead of handed out again (default 2).",
            HelpName = "N",
        };
        _queueTtl = new("--queue-ttl")
        {
            Description = "Many machines: how long the build's keys stay in Redis after its last write (default 24).",
            HelpName = "HOURS",
        };
    }

    /// <summary>The options that mean nothing without a queue.</summary>
    private IEnumerable<Option<string?>> Dependent =>
        new[] { _buildId, _attempt, _nodeId, _leaseTime, _maxLost, _queueTtl }.OfType<Option<string?>>();

    public void AddTo(Command command)
    {
        command.Options.Add(_queue);
        foreach (var option in Dependent)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether a queue is given, on the command line or in configuration.</summary>
    public bool IsGiven(OptionValues values) => values.Text(_queue).Value is not null;

    /// <summary>
    /// The queue settings, or null when no queue is given (then a dependent option on the command line
    /// is an error; in configuration it is only unused). Notices warn of a password on the command line.
    /// <paramref name="fixedNodeId"/> names the node when this command has no --node-id (the report).
    /// </summary>
    public (QueueSettings? Settings, IReadOnlyList<string> Notices, string? Error) Read(OptionValues values, CiEnvironment environment, string fixedNodeId)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(environment);
        var (text, origin) = values.Text(_queue);
        if (text is null)
        {
            return Dependent.FirstOrDefault(values.OnCommandLine) is { } orphan
                ? (null, [], $"{orphan.Name} needs --queue (or {QueueVariable})")
                : (null, [], null);
        }

        if (!QueueAddress.TryParse(text.Trim(), out var address, out var addressError))
        {
            // The value is not repeated: it may hold a password.
            return (null, [], $"invalid --queue value: {addressError}{origin}");
        }

        var notices = new List<string>();
        if (address!.Password is not null && values.OnCommandLine(_queue))
        {
            notices.Add($"the --queue password is on the command line, where other users of this machine can read it (the process list); set {QueueVariable} instead");
        }

        var (buildId, buildIdOrigin) = values.Text(_buildId);
        if (buildId is null)
        {
            if (environment.BuildId() is not { } fromCi)
            {
                return (null, [], $"--queue needs the id of the build every machine shares: give --build-id (or MPROC_BUILD_ID); none of {string.Join(", ", CiEnvironment.BuildIdVariables)} is set");
            }

            (buildId, buildIdOrigin) = (fromCi.Value, $" (from {fromCi.Variable})");
        }

        if (CheckName(_buildId.Name, buildId, buildIdOrigin) is { } buildIdError)
        {
            return (null, [], buildIdError);
        }

        var attempt = Count(values, _attempt, out var attemptError);
        if (attemptError is not null)
        {
            return (null, [], attemptError);
        }

        if (attempt is null && environment.Attempt() is { } ciAttempt)
        {
            if (ciAttempt.Value is null)
            {
                return (null, [], $"invalid attempt '{ciAttempt.Text}' (from {ciAttempt.Variable}); expected a whole number (give --attempt or MPROC_ATTEMPT instead)");
            }

            attempt = ciAttempt.Value;
        }

        var nodeId = fixedNodeId;
        var options = new QueueOptions();
        if (_nodeId is not null)
        {
            var (givenNodeId, nodeIdOrigin) = values.Text(_nodeId);
            if (givenNodeId is null)
            {
                var fromEnvironment = environment.NodeId();
                (givenNodeId, nodeIdOrigin) = (fromEnvironment.Value, $" (from {fromEnvironment.Origin})");
            }

            if (CheckName(_nodeId.Name, givenNodeId, nodeIdOrigin) is { } nodeIdError)
            {
                return (null, [], nodeIdError);
            }

            nodeId = givenNodeId;
            var leaseTime = Seconds(values, _leaseTime!, "30 or 1.5", out var leaseTimeError);
            var maxLost = Count(values, _maxLost!, out var maxLostError);
            var lifetime = Seconds(values, _queueTtl!, "24 or 0.5", out var lifetimeError, hours: true);
            if ((leaseTimeError ?? maxLostError ?? lifetimeError) is { } error)
            {
                return (null, [], error);
            }

            options = new QueueOptions
            {
                LeaseTime = leaseTime ?? options.LeaseTime,
                MaxLost = maxLost ?? options.MaxLost,
                KeyLifetime = lifetime ?? options.KeyLifetime,
            };
        }

        return (new QueueSettings(address, buildId, nodeId, options) { Attempt = attempt ?? 1 }, notices, null);
    }

    /// <summary>A positive time from a number of seconds (or hours), or null when not given.</summary>
    public static TimeSpan? Seconds(OptionValues values, Option<string?> option, string examples, out string? error, bool hours = false)
    {
        error = null;
        var (text, origin) = values.Text(option);
        if (text is null)
        {
            return null;
        }

        var limit = TimeSpan.MaxValue.TotalSeconds / 2 / (hours ? 3600 : 1);
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var number)
            || !(number > 0 && number <= limit))
        {
            error = $"invalid {option.Name} value '{text}'; expected a positive number of {(hours ? "hours" : "seconds")}, e.g. {examples}{origin}";
            return null;
        }

        return hours ? TimeSpan.FromHours(number) : TimeSpan.FromSeconds(number);
    }

    private static int? Count(OptionValues values, Option<string?> option, out string? error)
    {
        error = null;
        var (text, origin) = values.Text(option);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            error = $"invalid {option.Name} value '{text}'; expected a positive whole number{origin}";
            return null;
        }

        return count;
    }

    /// <summary>A build id or node name: 1 to 200 characters, no control characters, and no braces (they delimit the build's Redis hash tag).</summary>
    private static string? CheckName(string option, string value, string origin)
    {
        if (value.Length == 0 || string.IsNullOrWhiteSpace(value))
        {
            return $"{option} is empty{origin}";
        }

        if (value.Length > MaxNameLength)
        {
            return $"{option} is {value.Length} characters long; at most {MaxNameLength}{origin}";
        }

        if (value.Any(char.IsControl))
        {
            return $"{option} may not hold control characters{origin}";
        }

        return value.AsSpan().IndexOfAny('{', '}') >= 0
            ? $"invalid {option} value '{value}'; it may not hold '{{' or '}}'{origin}"
            : null;
    }

    /// <summary>An argument with a redis:// or rediss:// address in it, given without the address's password.</summary>
    public static string Redact(string arg)
    {
        ArgumentNullException.ThrowIfNull(arg);
        foreach (var scheme in new[] { "rediss://", "redis://" })
        {
            var start = arg.IndexOf(scheme, StringComparison.OrdinalIgnoreCase);
            if (start < 0)
            {
                continue;
            }

            var end = arg.IndexOfAny([' ', '\t', '"', '\''], start);
            end = end < 0 ? arg.Length : end;
            var url = arg[start..end];
            var at = url.LastIndexOf('@');
            if (at < 0)
            {
                return arg;
            }

            var redacted = QueueAddress.TryParse(url, out var address, out _)
                ? address!.Password is null ? url : address.ToString()
                : string.Concat(url.AsSpan(0, scheme.Length), "***", url.AsSpan(at));
            return string.Concat(arg.AsSpan(0, start), redacted, arg.AsSpan(end));
        }

        return arg;
    }
}
