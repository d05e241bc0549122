namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// The pull queue. Tests are identified by ordinal, which is also the order every worker's NUnit
/// session reaches them. A worker that reaches a test nobody told it about claims at that
/// position; it gets the next unclaimed tests from there (always including the one it asked
/// about, if still free) plus news of what other workers took since its previous claim.
/// Batches follow guided self-scheduling: a share of what is left (remaining / (2 x workers)),
/// so trivial tests cost few round trips while the tail still balances.
/// A plain class with no I/O and no clock: the caller serializes access.
/// </summary>
public sealed class Scheduler
{
    private const int Unclaimed = -1;

    private readonly int[] _owner;
    private readonly int _workerCount;
    private readonly List<(int Worker, int Start, int Count)> _log = [];
    private readonly Dictionary<int, int> _cursor = [];
    private int _unclaimed;
    private int _firstUnclaimed;

    public Scheduler(int testCount, int workerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(workerCount, 1);
        _owner = new int[testCount];
        Array.Fill(_owner, Unclaimed);
        _unclaimed = testCount;
        _workerCount = workerCount;
    }

    public int TestCount => _owner.Length;

    public int UnclaimedCount => _unclaimed;

    /// <summary>The worker that owns a test, or -1.</summary>
    public int OwnerOf(int ordinal) => _owner[ordinal];

    public Grant Claim(int worker, int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Math.Max(1, _owner.Length));
        var mine = new List<int>();
        var batch = Math.Max(1, (_unclaimed + (2 * _workerCount) - 1) / (2 * _workerCount));
        var start = NextUnclaimed(position);
        var logStart = _log.Count;
        while (batch > 0 && start >= 0)
        {
            var end = start;
            while (end < _owner.Length && end - start < batch && _owner[end] == Unclaimed)
            {
                _owner[end] = worker;
                end++;
            }

            var count = end - start;
            _unclaimed -= count;
            batch -= count;
            _log.Add((worker, start, count));
            mine.Add(start);
            mine.Add(count);
            start = batch > 0 ? NextUnclaimed(end) : -1;
        }

        var taken = new List<int>();
        _cursor.TryGetValue(worker, out var cursor);
        for (var i = cursor; i < logStart; i++)
        {
            var entry = _log[i];
            if (entry.Worker != worker)
            {
                AddStillTaken(taken, entry.Start, entry.Start + entry.Count, worker);
            }
        }

        _cursor[worker] = _log.Count;
        return new Grant(mine, taken, NextUnclaimed(position) < 0);
    }

    /// <summary>
    /// Gives tests back to the queue (their worker died before running them). Only a worker that has
    /// not yet passed them, such as a replacement starting from the beginning, can take them again.
    /// </summary>
    public void Release(IEnumerable<int> ordinals)
    {
        ArgumentNullException.ThrowIfNull(ordinals);
        foreach (var ordinal in ordinals)
        {
            if (_owner[ordinal] != Unclaimed)
            {
                _owner[ordinal] = Unclaimed;
                _unclaimed++;
                _firstUnclaimed = Math.Min(_firstUnclaimed, ordinal);
            }
        }
    }

    /// <summary>Adds the parts of [start, end) that another worker still owns (released tests are not).</summary>
    private void AddStillTaken(List<int> taken, int start, int end, int worker)
    {
        var i = start;
        while (i < end)
        {
            while (i < end && (_owner[i] == Unclaimed || _owner[i] == worker))
            {
                i++;
            }

            var runStart = i;
            while (i < end && _owner[i] != Unclaimed && _owner[i] != worker)
            {
                i++;
            }

            if (i > runStart)
            {
                taken.Add(runStart);
                taken.Add(i - runStart);
            }
        }
    }

    private int NextUnclaimed(int from)
    {
        if (from <= _firstUnclaimed)
        {
            while (_firstUnclaimed < _owner.Length && _owner[_firstUnclaimed] != Unclaimed)
            {
                _firstUnclaimed++;
            }

            return _firstUnclaimed < _owner.Length ? _firstUnclaimed : -1;
        }

        for (var i = from; i < _owner.Length; i++)
        {
            if (_owner[i] == Unclaimed)
            {
                return i;
            }
        }

        return -1;
    }
}
