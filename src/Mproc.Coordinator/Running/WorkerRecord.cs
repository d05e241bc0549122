namespace Mproc.Coordinator.Running;

/// <summary>The coordinator's view of one worker connection.</summary>
internal sealed class WorkerRecord(int workerId, int claimant)
{
    public int WorkerId { get; } = workerId;

    /// <summary>Unique per connection, so a replacement in the same slot starts with a clean slate.</summary>
    public int Claimant { get; } = claimant;

    public int? ProcessId { get; set; }

    /// <summary>The worker's app domain name, from its Hello.</summary>
    public string AppDomain { get; set; } = string.Empty;

    /// <summary>Ordinal of the test running now, or -1.</summary>
    public int Running { get; set; } = -1;

    /// <summary>When <see cref="Running"/> started, as a <see cref="TimeProvider"/> timestamp.</summary>
    public long RunningSince { get; set; }

    /// <summary>Its test timed out and its process is being killed: whatever it still says is ignored.</summary>
    public bool Killed { get; set; }

    public HashSet<int> Granted { get; } = [];

    /// <summary>Its claim that waits for an exclusive block (see <see cref="Scheduling.Scheduler"/>), if any.</summary>
    public TaskCompletionSource<Mproc.Protocol.Messages.ClaimGrant>? WaitingClaim { get; set; }

    /// <summary>The position of <see cref="WaitingClaim"/>.</summary>
    public int WaitingPosition { get; set; }

    /// <summary>Ordinals of the tests this connection reported.</summary>
    public HashSet<int> Finished { get; } = [];

    /// <summary>Node indexes of the suites started here and not finished yet, outermost first.</summary>
    public List<int> OpenSuites { get; } = [];

    public int TestsRun { get; set; }

    public double BusySeconds { get; set; }

    public bool Done { get; set; }

    public bool Ended { get; set; }
}
