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

    /// <summary>When the coordinator last heard from the worker or answered it, as a <see cref="TimeProvider"/> timestamp.</summary>
    public long LastSeen { get; set; }

    /// <summary>The coordinator owes it an answer (a claim waiting for a job slot, a global fixture being set up): its silence is the coordinator's.</summary>
    public bool AwaitingCoordinator { get; set; }

    /// <summary>When <see cref="AwaitingCoordinator"/> last became true, as a <see cref="TimeProvider"/> timestamp.</summary>
    public long AwaitingSince { get; set; }

    /// <summary>It sent its discovery.</summary>
    public bool DiscoverySent { get; set; }

    /// <summary>It hung (a test, a one-time setup or teardown, its discovery) and its process is being killed: whatever it still says is ignored.</summary>
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

    /// <summary>Results of this connection's process: those it reported and those made for it (its crash, its timeout).</summary>
    public int TestsRun { get; set; }

    /// <summary>The busy time it reported when done.</summary>
    public double BusySeconds { get; set; }

    /// <summary>The durations of its results: its busy time as far as is known when it never said (it crashed, was killed or interrupted).</summary>
    public double ResultSeconds { get; set; }

    /// <summary>Failed results this connection reported (for --max-fail: the others are "elsewhere" to it).</summary>
    public int Failures { get; set; }

    /// <summary>Its process's event log, through which it learns of the run's other failures (--max-fail); null in-process.</summary>
    public Mproc.Protocol.Transport.EventLogReader? EventLog { get; set; }

    public bool Done { get; set; }

    public bool Ended { get; set; }
}
