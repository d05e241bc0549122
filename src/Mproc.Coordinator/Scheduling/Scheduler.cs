namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// The pull queue. Tests are identified by ordinal, which is also the order every worker's NUnit
/// session reaches them (workers put higher priority and longer work first before numbering, so
/// ordinal order is the queue order). Work is handed out in <see cref="WorkUnit"/>s: single tests,
/// or whole groups; a unit with <see cref="WorkUnit.Parts"/> (a node-scoped group) is handed out
/// part by part, each part as a unit of its own.
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
/// <para>
/// Exclusive units (NUnit's non-parallelizable tests) run while no other worker runs a test. A
/// claim whose next unit is exclusive waits (<see cref="Claim"/> returns null) until every other
/// worker has finished what it was granted or is itself waiting; then it gets the exclusive units
/// from there up to the next open ordinary unit, as one block. Meanwhile, and while that block is
/// unfinished, every other claim waits too. The caller reports results (<see cref="Finished"/>),
/// dead workers (<see cref="Release"/>, <see cref="Leave"/>) and collects the answers to waiting
/// claims those events allow (<see cref="TakeAnswers"/>). A worker that claims at a position has
/// passed every test before it: what it was granted there and did not finish never will be.
/// </para>
/// <para>
/// In a build shared by several machines (<see cref="Scheduler(IReadOnlyList{WorkUnit}, int, int, bool)"/>
/// with <c>shared: true</c>) every unit starts out held elsewhere: only units this machine has
/// leased (<see cref="Leased"/>) are handed to its workers. The shared queue leases units in plan
/// order, so a worker learns that the units before its next one are taken (<see cref="AllHandedOut"/>:
/// all of them). A claim at a test whose fate is not known waits for the next lease, or for
/// <see cref="SharedQueueDone"/>; a worker that has passed every open unit (one leased again after
/// another machine lost it) is told to finish, so a fresh worker, starting from the beginning, can
/// take it (<see cref="WantsFreshWorker"/>). A unit with parts is leased whole, and its parts go to
/// any of this machine's workers.
/// </para>
/// A plain class with no I/O and no clock: the caller serializes access.
/// </summary>
public sealed class Scheduler
{
    private const int Unclaimed = -1;
    /// <summary>The owner of a unit held by another machine, or not yet leased by this one.</summary>
    public const int HeldElsewhere = -2;
    private const int Elsewhere = HeldElsewhere;
    private const double FixtureTailShare = 0.5;

    private readonly int[] _owner;
    private readonly int[] _unitOf;
    private readonly double[] _seconds;

    // What is handed out whole: the plan's units, each unit with parts replaced by its parts.
    private readonly WorkUnit[] _units;

    // The plan's units, as the shared queue leases them.
    private readonly WorkUnit[] _leases;
    private readonly int _workerCount;
    private readonly bool _timed;
    private readonly List<(int Claimant, int Start, int Count)> _log = [];
    private readonly Dictionary<int, int> _cursor = [];
    private int _unclaimed;
    private double _unclaimedSeconds;
    private int _firstOpenUnit;

    // Kept only when some unit is exclusive: per claimant, granted tests without a result.
    private readonly bool _hasExclusive;
    private readonly Dictionary<int, SortedSet<int>> _unfinished = [];
    private readonly List<(int Claimant, int Position)> _waiting = [];
    private readonly List<(int Claimant, Grant Grant)> _answers = [];
    private readonly SortedSet<int> _blockUnfinished = [];
    private int _blockHolder = -1;
    private bool _stopped;

    // A build shared by several machines: claims wait for leases. The tests held elsewhere of the
    // leased units before _unitsTold (in plan order) are in the log as taken (_told).
    private readonly bool _shared;
    private readonly bool _queues;
    private readonly bool[] _told = [];
    private bool _sharedDone;
    private int _unitsTold;

    /// <summary>A queue of single tests in ordinal order, with no timings.</summary>
    public Scheduler(int testCount, int workerCount)
        : this(Enumerable.Range(0, Math.Max(0, testCount)).Select(o => new WorkUnit([o], 0, -1, null)).ToList(), testCount, workerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
    }

    public Scheduler(IReadOnlyList<WorkUnit> units, int testCount, int workerCount)
        : this(units, testCount, workerCount, shared: false)
    {
    }

    /// <param name="shared">Units are this machine's only once leased (<see cref="Leased"/>).</param>
    public Scheduler(IReadOnlyList<WorkUnit> units, int testCount, int workerCount, bool shared)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(workerCount, 1);
        _leases = [.. units.OrderBy(u => u.First)];
        _units = [.. _leases.SelectMany(PartsOf).OrderBy(u => u.First)];
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

        if (Array.Exists(_leases, u => u.Parts is { } parts && !parts.SelectMany(p => p.Ordinals).Order().SequenceEqual(u.Ordinals)))
        {
            throw new ArgumentException("a unit's parts must hold its tests", nameof(units));
        }

        _unclaimed = testCount;
        _unclaimedSeconds = _seconds.Sum();
        _timed = _unclaimedSeconds > 0;
        _workerCount = workerCount;
        _hasExclusive = Array.Exists(_units, u => u.Exclusive);
        _shared = shared;
        _queues = _hasExclusive || shared;
        if (shared)
        {
            _told = new bool[testCount];
            Array.Fill(_owner, Elsewhere);
            _unclaimed = 0;
            _unclaimedSeconds = 0;
        }
    }

    public int TestCount => _owner.Length;

    public int UnclaimedCount => _unclaimed;

    /// <summary>The plan's units in plan order (a unit with parts is one of them): what <see cref="Leased"/> counts.</summary>
    public IReadOnlyList<WorkUnit> Units => _leases;

    private static IReadOnlyList<WorkUnit> PartsOf(WorkUnit unit) => unit.Parts ?? [unit];

    /// <summary>Nothing more is handed out (<see cref="Stop"/>).</summary>
    public bool Stopped => _stopped;

    /// <summary>
    /// The run stops early (--max-fail): from now on every claim, and every claim waiting, is answered
    /// with nothing and an empty queue. What was granted stays granted (its worker decides whether to
    /// start it); tests never granted stay unclaimed, and the caller reports them as not run.
    /// </summary>
    public void Stop()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        foreach (var (claimant, _) in _waiting)
        {
            _answers.Add((claimant, Nothing));
        }

        _waiting.Clear();
        _blockHolder = -1;
        _blockUnfinished.Clear();
    }

    private static Grant Nothing => new([], [], QueueEmpty: true);

    /// <summary>The claimant that owns a test, -1 when none does, -2 when it is held by another machine.</summary>
    public int OwnerOf(int ordinal) => _owner[ordinal];

    /// <summary>
    /// A claimant reached <paramref name="position"/>, which it knows nothing about: its grant, or
    /// null when it must wait (its answer comes later from <see cref="TakeAnswers"/>).
    /// </summary>
    public Grant? Claim(int claimant, int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Math.Max(1, _owner.Length));
        if (_stopped)
        {
            return Nothing;
        }

        if (!_queues)
        {
            return Serve(claimant, position);
        }

        if (_unfinished.TryGetValue(claimant, out var unfinished))
        {
            unfinished.RemoveWhere(o => o < position);
        }

        if (claimant == _blockHolder)
        {
            _blockUnfinished.RemoveWhere(o => o < position);
            EndBlockIfDone();
        }

        _waiting.Add((claimant, position));
        ServeWaiting();
        var answered = _answers.FindIndex(a => a.Claimant == claimant);
        if (answered < 0)
        {
            return null;
        }

        var grant = _answers[answered].Grant;
        _answers.RemoveAt(answered);
        return grant;
    }

    /// <summary>A granted test has its result.</summary>
    public void Finished(int ordinal)
    {
        if (!_queues || _owner[ordinal] < 0)
        {
            return;
        }

        if (_unfinished.TryGetValue(_owner[ordinal], out var unfinished))
        {
            unfinished.Remove(ordinal);
        }

        if (_blockUnfinished.Remove(ordinal))
        {
            EndBlockIfDone();
        }

        ServeWaiting();
    }

    /// <summary>A claimant is gone (after <see cref="Release"/> of what it did not run): its waiting claim is dropped.</summary>
    public void Leave(int claimant)
    {
        if (!_queues)
        {
            return;
        }

        _waiting.RemoveAll(w => w.Claimant == claimant);
        _answers.RemoveAll(a => a.Claimant == claimant);
        _unfinished.Remove(claimant);
        if (claimant == _blockHolder)
        {
            _blockUnfinished.Clear();
            EndBlockIfDone();
        }

        ServeWaiting();
    }

    /// <summary>Answers to waiting claims that events since the last call made possible, in the order they were made.</summary>
    public IReadOnlyList<(int Claimant, Grant Grant)> TakeAnswers()
    {
        var answers = _answers.ToList();
        _answers.Clear();
        return answers;
    }

    /// <summary>
    /// This machine leased unit <paramref name="unit"/> (an index into <see cref="Units"/>) from the
    /// shared queue: it may be handed out, and what is held elsewhere before it is taken.
    /// </summary>
    public void Leased(int unit)
    {
        if (!_shared)
        {
            throw new InvalidOperationException("only a shared build's scheduler takes leases");
        }

        TellElsewhere(unit);
        foreach (var ordinal in _leases[unit].Ordinals)
        {
            if (_owner[ordinal] == Elsewhere)
            {
                _owner[ordinal] = Unclaimed;
                _unclaimed++;
                _unclaimedSeconds += _seconds[ordinal];
            }
        }

        _firstOpenUnit = Math.Min(_firstOpenUnit, _unitOf[_leases[unit].First]);
        if (!_stopped)
        {
            ServeWaiting();
        }
    }

    /// <summary>The shared queue will lease this machine nothing more: everything not leased is taken.</summary>
    public void SharedQueueDone()
    {
        if (!_shared || _sharedDone)
        {
            return;
        }

        _sharedDone = true;
        AllHandedOut();
    }

    /// <summary>
    /// The shared queue has handed out every unit (though one may come back, lost by another
    /// machine): every test not leased here is taken, so no claim waits to learn that.
    /// </summary>
    public void AllHandedOut()
    {
        TellElsewhere(_leases.Length);
        if (!_stopped)
        {
            ServeWaiting();
        }
    }

    /// <summary>Whether the shared queue has said it leases nothing more (always true for a machine on its own).</summary>
    public bool SharedQueueFinished => !_shared || _sharedDone;

    /// <summary>Whether open work is left that the workers there are may have passed: a worker that ended should be followed by a fresh one.</summary>
    public bool WantsFreshWorker => !_stopped && _unclaimed > 0;

    /// <summary>Puts the tests held elsewhere of the units before <paramref name="unitEnd"/> in the log, as one claimant's.</summary>
    private void TellElsewhere(int unitEnd)
    {
        if (unitEnd <= _unitsTold)
        {
            return;
        }

        var told = new List<int>();
        for (var u = _unitsTold; u < unitEnd; u++)
        {
            foreach (var ordinal in _leases[u].Ordinals)
            {
                if (_owner[ordinal] == Elsewhere && !_told[ordinal])
                {
                    _told[ordinal] = true;
                    told.Add(ordinal);
                }
            }
        }

        _unitsTold = unitEnd;
        told.Sort();
        var ranges = ToRanges(told);
        for (var i = 0; i + 1 < ranges.Count; i += 2)
        {
            _log.Add((Elsewhere, ranges[i], ranges[i + 1]));
        }
    }

    /// <summary>Whether a claimant's claim is waiting.</summary>
    public bool IsWaiting(int claimant) => _waiting.Exists(w => w.Claimant == claimant);

    /// <summary>
    /// A claim waits to learn whether its test is this machine's, which only a further lease (or
    /// word that every unit is handed out) tells: also while parts of a leased unit lie open ahead of it.
    /// </summary>
    public bool WaitsForLease => _shared && !_stopped && _waiting.Exists(w => FateUnknown(w.Position));

    /// <summary>A test of a shared build not leased here, and not yet known to be held elsewhere.</summary>
    private bool FateUnknown(int ordinal) => _shared && !_sharedDone && _owner[ordinal] == Elsewhere && !_told[ordinal];

    private Grant Serve(int claimant, int position)
    {
        if (_shared && !_stopped && NextUnit(position) < 0 && !_sharedDone && AnyOpenBefore(position))
        {
            // This worker has passed every open unit: it ends, and a fresh one takes them.
            return Nothing;
        }

        var logStart = _log.Count;
        var mine = new List<int>();
        if (_owner.Length > 0)
        {
            var next = NextUnit(position);
            if (next >= 0 && _units[next].Exclusive)
            {
                TakeBlock(claimant, position, next, mine);
            }
            else
            {
                TakeBatch(claimant, position, mine);
            }
        }

        mine.Sort();
        if (_queues && mine.Count > 0)
        {
            if (!_unfinished.TryGetValue(claimant, out var unfinished))
            {
                _unfinished[claimant] = unfinished = [];
            }

            unfinished.UnionWith(mine);
        }

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
        return new Grant(mineRanges, taken, !AnyOpenFrom(position) && (!_shared || _sharedDone));
    }

    /// <summary>Serves every waiting claim that may go now, oldest first, until none can.</summary>
    private void ServeWaiting()
    {
        var served = true;
        while (served)
        {
            served = false;
            for (var i = 0; i < _waiting.Count; i++)
            {
                var (claimant, position) = _waiting[i];
                if (MayServe(claimant, position))
                {
                    _waiting.RemoveAt(i);
                    _answers.Add((claimant, Serve(claimant, position)));
                    served = true;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// A claim may be answered now: a block holder's always; no other while a block is unfinished;
    /// one for an exclusive unit once every other claimant is idle (waiting, or all its grants
    /// finished); one for ordinary work while no one waits for an exclusive unit.
    /// </summary>
    private bool MayServe(int claimant, int position)
    {
        if (_blockHolder >= 0)
        {
            return claimant == _blockHolder;
        }

        var next = NextUnit(position);
        if (FateUnknown(position) && !(next < 0 && AnyOpenBefore(position)))
        {
            // Whether this test is this machine's is not known: wait for the next lease, also when
            // parts of a unit leased earlier lie ahead (the worker cannot pass this test first). (A
            // test another worker has, or one known to be held elsewhere, is answered at once: the
            // worker may have tests of its own further on. With open units only behind this worker,
            // it is answered with nothing, ends, and a fresh worker takes them.)
            return false;
        }

        if (next >= 0 && _units[next].Exclusive)
        {
            foreach (var (other, unfinished) in _unfinished)
            {
                if (other != claimant && unfinished.Count > 0 && !IsWaiting(other))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var (other, otherPosition) in _waiting)
        {
            if (other != claimant && NextUnit(otherPosition) is var u && u >= 0 && _units[u].Exclusive)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The unit a claim at <paramref name="position"/> starts with, or -1 when nothing is open there.</summary>
    private int NextUnit(int position)
    {
        if (_owner[position] == Unclaimed)
        {
            return _unitOf[position];
        }

        for (var u = Math.Max(FirstUnitAtOrAfter(position), _firstOpenUnit); u < _units.Length; u++)
        {
            if (_units[u].First >= position && IsOpen(u))
            {
                return u;
            }
        }

        return -1;
    }

    /// <summary>The exclusive units from <paramref name="first"/> up to the next open ordinary one, as one block.</summary>
    private void TakeBlock(int claimant, int position, int first, List<int> mine)
    {
        var start = mine.Count;
        TakeUnit(first, claimant, position, mine);
        for (var u = Math.Max(FirstUnitAtOrAfter(position), first + 1); u < _units.Length; u++)
        {
            if (_units[u].First < position || !IsOpen(u))
            {
                continue;
            }

            if (!_units[u].Exclusive)
            {
                break;
            }

            TakeUnit(u, claimant, position, mine);
        }

        _blockHolder = claimant;
        _blockUnfinished.UnionWith(mine.Skip(start));
        while (_firstOpenUnit < _units.Length && !IsOpen(_firstOpenUnit))
        {
            _firstOpenUnit++;
        }
    }

    private void EndBlockIfDone()
    {
        if (_blockUnfinished.Count == 0)
        {
            _blockHolder = -1;
        }
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
                if (_hasExclusive)
                {
                    _unfinished.GetValueOrDefault(_owner[ordinal])?.Remove(ordinal);
                    if (_blockUnfinished.Remove(ordinal))
                    {
                        EndBlockIfDone();
                    }
                }

                _owner[ordinal] = Unclaimed;
                _unclaimed++;
                _unclaimedSeconds += _seconds[ordinal];
                _firstOpenUnit = Math.Min(_firstOpenUnit, _unitOf[ordinal]);
            }
        }

        if (_queues && !_stopped)
        {
            ServeWaiting();
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
                if (_units[u].Exclusive)
                {
                    break;
                }

                takenSeconds += TakeUnit(u, claimant, position, mine);
                lastFixture = _units[u].FixtureKey;
            }
        }

        // Keep a fixture together when what is left of it is small.
        if (_timed && lastFixture != int.MinValue)
        {
            var tail = new List<int>();
            var tailSeconds = 0.0;
            for (var t = u; t < _units.Length && _units[t].FixtureKey == lastFixture && _units[t].Group is null && !_units[t].Exclusive; t++)
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

    private bool AnyOpenBefore(int position)
    {
        for (var o = 0; o < position; o++)
        {
            if (_owner[o] == Unclaimed)
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
