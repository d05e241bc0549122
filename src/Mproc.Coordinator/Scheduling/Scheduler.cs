namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// The pull queue. Tests are identified by ordinal, which is also the order every worker's NUnit
/// session reaches them (workers put higher priority and longer work first before numbering, so
/// ordinal order is the queue order). Work is handed out in <see cref="WorkUnit"/>s: single tests,
/// or whole groups.
/// <para>
/// A worker that reaches a test nobody told it about claims at that position. It gets the next
/// unclaimed units from there (always the one it asked about, if still free) plus news of what
/// other workers took since its previous claim. Batches follow guided self-scheduling: a share of
/// what is left, remaining / (2 x workers), measured in expected seconds when an earlier run's
/// timings are known, else in tests. So trivial tests cost few round trips, long ones go one at a
/// time, and the tail balances. A batch that stops inside a fixture takes the rest of that fixture
/// too when the rest is small (at most half a batch), so fixtures stay in one worker when that
/// costs no balance.
/// </para>
/// A plain class with no I/O and no clock: the caller serializes access.
/// </summary>
public sealed class Scheduler
{
    private const int Unclaimed = -1;
    private const double FixtureTailShare = 0.5;

    private readonly int[] _owner;
    private readonly int[] _unitOf;
    private readonly double[] _seconds;
    private readonly WorkUnit[] _units;
    private readonly int _workerCount;
    private readonly bool _timed;
    private readonly List<(int Claimant, int Start, int Count)> _log = [];
    private readonly Dictionary<int, int> _cursor = [];
    private int _unclaimed;
    private double _unclaimedSeconds;
    private int _firstOpenUnit;

    /// <summary>A queue of single tests in ordinal order, with no timings.</summary>
    public Scheduler(int testCount, int workerCount)
        : this(Enumerable.Range(0, Math.Max(0, testCount)).Select(o => new WorkUnit([o], 0, -1, null)).ToList(), testCount, workerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
    }

    public Scheduler(IReadOnlyList<WorkUnit> units, int testCount, int workerCount)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(workerCount, 1);
        _units = [.. units.OrderBy(u => u.First)];
        _owner = new int[testCount];
        Array.Fill(_owner, Unclaimed);
        _unitOf = new int[testCount];
        Array.Fill(_unitOf, -1);
        _seconds = new double[testCount];
        for (var u = 0; u < _units.Length; u++)
        {
            var unit = _units[u];
            foreach (var ordinal in unit.Ordinals)
            {
                if (_unitOf[ordinal] >= 0)
                {
                    throw new ArgumentException($"test {ordinal} is in more than one unit", nameof(units));
                }

                _unitOf[ordinal] = u;
                _seconds[ordinal] = Math.Max(0, unit.ExpectedSeconds) / unit.Ordinals.Count;
            }
        }

        if (Array.IndexOf(_unitOf, -1) >= 0)
        {
            throw new ArgumentException("every test must be in a unit", nameof(units));
        }

        _unclaimed = testCount;
        _unclaimedSeconds = _seconds.Sum();
        _timed = _unclaimedSeconds > 0;
        _workerCount = workerCount;
    }

    public int TestCount => _owner.Length;

    public int UnclaimedCount => _unclaimed;

    public IReadOnlyList<WorkUnit> Units => _units;

    /// <summary>The claimant that owns a test, or -1.</summary>
    public int OwnerOf(int ordinal) => _owner[ordinal];

    public Grant Claim(int claimant, int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Math.Max(1, _owner.Length));
        var logStart = _log.Count;
        var mine = new List<int>();
        if (_owner.Length > 0)
        {
            TakeBatch(claimant, position, mine);
        }

        mine.Sort();
        var mineRanges = ToRanges(mine);
        for (var i = 0; i + 1 < mineRanges.Count; i += 2)
        {
            _log.Add((claimant, mineRanges[i], mineRanges[i + 1]));
        }

        var taken = new List<int>();
        _cursor.TryGetValue(claimant, out var cursor);
        for (var i = cursor; i < logStart; i++)
        {
            var entry = _log[i];
            if (entry.Claimant != claimant)
            {
                AddStillTaken(taken, entry.Start, entry.Start + entry.Count, claimant);
            }
        }

        _cursor[claimant] = _log.Count;
        return new Grant(mineRanges, taken, !AnyOpenFrom(position));
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
                _unclaimedSeconds += _seconds[ordinal];
                _firstOpenUnit = Math.Min(_firstOpenUnit, _unitOf[ordinal]);
            }
        }
    }

    private void TakeBatch(int claimant, int position, List<int> mine)
    {
        var targetSeconds = _unclaimedSeconds / (2 * _workerCount);
        var targetCount = Math.Max(1, (_unclaimed + (2 * _workerCount) - 1) / (2 * _workerCount));
        var takenSeconds = 0.0;
        var lastFixture = int.MinValue;

        // The unit of the position itself first, so the claim always resolves it.
        if (_owner[position] == Unclaimed)
        {
            takenSeconds += TakeUnit(_unitOf[position], claimant, position, mine);
            lastFixture = _units[_unitOf[position]].FixtureKey;
        }

        var u = Math.Max(FirstUnitAtOrAfter(position), _firstOpenUnit);
        for (; u < _units.Length && !BatchFull(mine.Count, takenSeconds, targetCount, targetSeconds); u++)
        {
            if (_units[u].First >= position && IsOpen(u))
            {
                takenSeconds += TakeUnit(u, claimant, position, mine);
                lastFixture = _units[u].FixtureKey;
            }
        }

        // Keep a fixture together when what is left of it is small.
        if (_timed && lastFixture != int.MinValue)
        {
            var tail = new List<int>();
            var tailSeconds = 0.0;
            for (var t = u; t < _units.Length && _units[t].FixtureKey == lastFixture && _units[t].Group is null; t++)
            {
                if (!IsOpen(t))
                {
                    break;
                }

                tail.Add(t);
                tailSeconds += _units[t].ExpectedSeconds;
            }

            if (tail.Count > 0 && tailSeconds <= FixtureTailShare * targetSeconds)
            {
                foreach (var t in tail)
                {
                    TakeUnit(t, claimant, position, mine);
                }
            }
        }

        while (_firstOpenUnit < _units.Length && !IsOpen(_firstOpenUnit))
        {
            _firstOpenUnit++;
        }
    }

    private bool BatchFull(int count, double seconds, int targetCount, double targetSeconds) =>
        count > 0 && (_timed ? seconds >= targetSeconds : count >= targetCount);

    private double TakeUnit(int unit, int claimant, int position, List<int> mine)
    {
        var seconds = 0.0;
        foreach (var ordinal in _units[unit].Ordinals)
        {
            if (ordinal >= position && _owner[ordinal] == Unclaimed)
            {
                _owner[ordinal] = claimant;
                _unclaimed--;
                _unclaimedSeconds -= _seconds[ordinal];
                seconds += _seconds[ordinal];
                mine.Add(ordinal);
            }
        }

        return seconds;
    }

    private bool IsOpen(int unit)
    {
        foreach (var ordinal in _units[unit].Ordinals)
        {
            if (_owner[ordinal] == Unclaimed)
            {
                return true;
            }
        }

        return false;
    }

    private bool AnyOpenFrom(int position)
    {
        for (var o = position; o < _owner.Length; o++)
        {
            if (_owner[o] == Unclaimed)
            {
                return true;
            }
        }

        return false;
    }

    private int FirstUnitAtOrAfter(int position)
    {
        int low = 0, high = _units.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_units[mid].First < position)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static List<int> ToRanges(List<int> sortedOrdinals)
    {
        var ranges = new List<int>();
        var i = 0;
        while (i < sortedOrdinals.Count)
        {
            var start = sortedOrdinals[i];
            var end = i;
            while (end + 1 < sortedOrdinals.Count && sortedOrdinals[end + 1] == sortedOrdinals[end] + 1)
            {
                end++;
            }

            ranges.Add(start);
            ranges.Add(end - i + 1);
            i = end + 1;
        }

        return ranges;
    }

    /// <summary>Adds the parts of [start, end) that another claimant still owns (released tests are not).</summary>
    private void AddStillTaken(List<int> taken, int start, int end, int claimant)
    {
        var i = start;
        while (i < end)
        {
            while (i < end && (_owner[i] == Unclaimed || _owner[i] == claimant))
            {
                i++;
            }

            var runStart = i;
            while (i < end && _owner[i] != Unclaimed && _owner[i] != claimant)
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
}
