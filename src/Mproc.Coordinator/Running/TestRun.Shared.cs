using System.Buffers;
using System.Globalization;
using Mproc.Coordinator.Distributed;
using Mproc.Protocol.Messages;
using Mproc.Protocol.Transport;

namespace Mproc.Coordinator.Running;

/// <summary>
/// One node of a build shared by several machines (<see cref="RunSettings.Shared"/>): the plan it
/// offers the build, the units it leases, and the results of each unit once all its tests have one.
/// </summary>
public sealed partial class TestRun
{
    private readonly TaskCompletionSource<BuildPlan> _plan = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<int> _unitsDone = [];
    private int[]? _unitTestsLeft;
    private int[]? _unitOfTest;
    // Worker slots whose worker ended with nothing left to run while the shared queue may still lease more.
    private readonly List<int> _idleSlots = [];

    /// <summary>The plan this node offers the build, once its reference discovery is accepted.</summary>
    public Task<BuildPlan> Plan => _plan.Task;

    /// <summary>Raised (under the run's lock: only signal) when a claim waits for leased work or the leased work runs low.</summary>
    public event Action? SharedWorkChanged;

    private volatile int _reserveLow;

    /// <summary>
    /// The node's queue tops up its reserve when fewer leased tests than this are left unclaimed:
    /// a claim that leaves fewer wakes it then, so the next lease arrives before the workers run dry.
    /// </summary>
    public void TopUpBelow(int unclaimedTests) => _reserveLow = unclaimedTests;

    /// <summary>Tests leased and not yet handed to a worker.</summary>
    public int OpenTests
    {
        get
        {
            lock (_gate)
            {
                return _scheduler?.UnclaimedCount ?? 0;
            }
        }
    }

    /// <summary>A worker waits to learn whether its next test is this node's: only a further lease (or word that there is none) tells it.</summary>
    public bool WaitsForLease
    {
        get
        {
            lock (_gate)
            {
                return _scheduler?.WaitsForLease ?? false;
            }
        }
    }

    /// <summary>Under the lock, when the reference discovery was accepted.</summary>
    private void PlanMade(Discovered discovered, byte[]? encodedBody)
    {
        if (encodedBody is null)
        {
            var buffer = new ArrayBufferWriter<byte>();
            MessageSerializer.Encode(discovered, buffer);
            encodedBody = buffer.WrittenSpan.ToArray();
        }

        var units = _scheduler!.Units;
        _unitTestsLeft = [.. units.Select(u => u.Ordinals.Count)];
        _unitOfTest = new int[_results!.TestCount];
        for (var u = 0; u < units.Count; u++)
        {
            foreach (var ordinal in units[u].Ordinals)
            {
                _unitOfTest[ordinal] = u;
            }
        }

        _plan.TrySetResult(new BuildPlan(encodedBody, units));
    }

    /// <summary>This node leased these units (indexes into the plan's units): its workers may run them.</summary>
    public void Leased(IEnumerable<int> units)
    {
        var fresh = new List<int>();
        lock (_gate)
        {
            if (_scheduler is null || Failure is not null)
            {
                return;
            }

            foreach (var unit in units)
            {
                _scheduler.Leased(unit);
            }

            AnswerWaitingClaims();

            // Slots whose worker ended start again for what it could not reach.
            while (_scheduler.WantsFreshWorker && _idleSlots.Count > 0)
            {
                fresh.Add(_idleSlots[^1]);
                _idleSlots.RemoveAt(_idleSlots.Count - 1);
                _expectedWorkers++;
            }
        }

        foreach (var slot in fresh)
        {
            ReplacementNeeded?.Invoke(slot);
        }
    }

    /// <summary>The shared queue has handed out every unit: no claim waits to learn whether a test is this node's.</summary>
    public void AllHandedOut()
    {
        lock (_gate)
        {
            _scheduler?.AllHandedOut();
            AnswerWaitingClaims();
        }
    }

    /// <summary>
    /// The shared queue will lease nothing more to this node (or the node stops): workers finish
    /// once they ran what they have, and the tests run elsewhere leave this node's report.
    /// </summary>
    public void SharedQueueDone()
    {
        lock (_gate)
        {
            if (_scheduler is null)
            {
                return;
            }

            _scheduler.SharedQueueDone();
            LeaveOutElsewhere();
            AnswerWaitingClaims();
            CheckCompletion();
        }
    }

    /// <summary>The units whose tests all have a result since the last call, with those results (of this node, in this attempt of the build) by test key (its ordinal).</summary>
    public IReadOnlyList<(int Unit, KeyValuePair<string, byte[]>[] Results)> TakeUnitsDone(string node, int attempt)
    {
        lock (_gate)
        {
            var done = new List<(int, KeyValuePair<string, byte[]>[])>(_unitsDone.Count);
            foreach (var unit in _unitsDone)
            {
                var results = _scheduler!.Units[unit].Ordinals.Select(ordinal =>
                {
                    var test = _results!.Test(ordinal);
                    var stored = new StoredResult(node, test.WorkerId, test.Origin, CutForTheBuild(test.Outcome, node), attempt);
                    return new KeyValuePair<string, byte[]>(ordinal.ToString(CultureInfo.InvariantCulture), BuildRecords.Encode(stored));
                }).ToArray();
                done.Add((unit, results));
            }

            _unitsDone.Clear();
            return done;
        }
    }

    /// <summary>A test's captured output beyond this many characters is cut in the shared queue (its memory is the whole build's); the node's own report keeps it whole.</summary>
    public const int SharedOutputLimit = 1 << 20;

    private static TestOutcome? CutForTheBuild(TestOutcome? outcome, string node)
    {
        if (outcome?.Output is not { Length: > SharedOutputLimit } output)
        {
            return outcome;
        }

        // Not between the two halves of a surrogate pair.
        var kept = char.IsHighSurrogate(output[SharedOutputLimit - 1]) ? SharedOutputLimit - 1 : SharedOutputLimit;
        return outcome with
        {
            Output = output[..kept]
                + $"{Environment.NewLine}[nunit-mproc: {output.Length - kept} more characters of output were left out of the build's report; node {node}'s own result file has them all]",
        };
    }

    /// <summary>What this node saw of each suite, for the build's report.</summary>
    public IReadOnlyList<SuiteFinished> SuiteOutcomes()
    {
        lock (_gate)
        {
            return _results?.SuiteOutcomes() ?? [];
        }
    }

    /// <summary>A test got its result (or NUnit's word that it has none). Under the lock.</summary>
    private void ResultMade(int ordinal)
    {
        if (_unitTestsLeft is null)
        {
            return;
        }

        var unit = _unitOfTest![ordinal];
        if (--_unitTestsLeft[unit] == 0)
        {
            // Stored at the node's next round (a few times a second), many units in one call.
            _unitsDone.Add(unit);
        }
    }

    /// <summary>Tests run elsewhere in the build leave this node's report, as tests NUnit reports no result for do. Under the lock.</summary>
    private void LeaveOutElsewhere()
    {
        if (!_settings.Shared || _scheduler is null || _results is null)
        {
            return;
        }

        var scheduler = _scheduler;
        _results.LeaveOut(Enumerable.Range(0, _results.TestCount).Where(o => scheduler.OwnerOf(o) == Scheduling.Scheduler.HeldElsewhere));
    }
}
