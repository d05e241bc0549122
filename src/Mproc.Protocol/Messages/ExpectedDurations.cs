namespace Mproc.Protocol.Messages;

/// <summary>
/// How long one assembly's tests took in an earlier run, looked up by a test's full name. Kept and
/// sent by a 64-bit hash of the name (<see cref="KeyOf"/>): a suite of many trivial tests then costs
/// 16 bytes a test on the wire, and a worker looks its tests up without decoding their names. Two
/// names with one hash would share a duration, which changes at most the order of those two tests.
/// <para>
/// Held in plain arrays with an open-addressing index rather than a dictionary: coordinator and
/// workers build one on the way to their first test, and a dictionary of two value types is code
/// the runtime compiles on the spot (unoptimized at first), where these arrays are this assembly's
/// own, compiled ahead of time.
/// </para>
/// </summary>
public sealed class ExpectedDurations
{
    private readonly ulong[] _keys;
    private readonly double[] _seconds;
    private readonly int[] _index;
    private readonly int _count;

    private ExpectedDurations(ulong[] keys, double[] seconds, int[] index, int count)
    {
        _keys = keys;
        _seconds = seconds;
        _index = index;
        _count = count;
        var total = 0.0;
        for (var i = 0; i < count; i++)
        {
            total += seconds[i];
        }

        Mean = count == 0 ? 0 : total / count;
    }

    public static ExpectedDurations None { get; } = new Builder(0).Build();

    public int Count => _count;

    /// <summary>The mean of the known durations (0 when none are known): the guess for a new test.</summary>
    public double Mean { get; }

    /// <summary>The name hashes, in the order they were first added (<see cref="SecondsInOrder"/> holds their durations).</summary>
    public IReadOnlyList<ulong> KeysInOrder => new ArraySegment<ulong>(_keys, 0, _count);

    /// <summary>The durations of <see cref="KeysInOrder"/>, position for position.</summary>
    public IReadOnlyList<double> SecondsInOrder => new ArraySegment<double>(_seconds, 0, _count);

    /// <summary>Durations by full name; a later duration for the same name wins.</summary>
    public static ExpectedDurations Of(IEnumerable<(string FullName, double Seconds)> timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var builder = new Builder(timings.TryGetNonEnumeratedCount(out var count) ? count : 16);
        foreach (var (fullName, seconds) in timings)
        {
            builder.Add(KeyOf(fullName), seconds);
        }

        return builder.Build();
    }

    /// <summary>FNV-1a (64 bit) over the UTF-16 code units of a test's full name.</summary>
    public static ulong KeyOf(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        const ulong OffsetBasis = 14695981039346656037;
        const ulong Prime = 1099511628211;
        var hash = OffsetBasis;
        foreach (var c in fullName)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return hash;
    }

    internal ulong KeyAt(int position) => _keys[position];

    internal double SecondsAt(int position) => _seconds[position];

    public bool TryGet(string fullName, out double seconds) => TryGet(KeyOf(fullName), out seconds);

    public bool TryGet(ulong key, out double seconds)
    {
        var at = Find(_index, _keys, key);
        if (at >= 0)
        {
            seconds = _seconds[at];
            return true;
        }

        seconds = 0;
        return false;
    }

    /// <summary>Position of <paramref name="key"/> in the entry arrays, or -1.</summary>
    private static int Find(int[] index, ulong[] keys, ulong key)
    {
        var mask = index.Length - 1;
        for (var slot = (int)(Mix(key) & (uint)mask); ; slot = (slot + 1) & mask)
        {
            var entry = index[slot] - 1;
            if (entry < 0 || keys[entry] == key)
            {
                return entry;
            }
        }
    }

    /// <summary>Spreads the hash's high bits into the low ones the index uses.</summary>
    private static ulong Mix(ulong key) => key ^ (key >> 29) ^ (key >> 47);

    /// <summary>Collects durations by name hash (a later one for a key wins, in the key's first place), then builds.</summary>
    public sealed class Builder
    {
        private ulong[] _keys;
        private double[] _seconds;
        private int[] _index;
        private int _count;
        private bool _built;

        public Builder(int expectedCount)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(expectedCount);
            _keys = new ulong[Math.Max(expectedCount, 4)];
            _seconds = new double[_keys.Length];
            _index = new int[IndexSizeFor(_keys.Length)];
        }

        public void Add(ulong key, double seconds)
        {
            ObjectDisposedException.ThrowIf(_built, this);
            var mask = _index.Length - 1;
            var slot = (int)(Mix(key) & (uint)mask);
            while (_index[slot] != 0)
            {
                var entry = _index[slot] - 1;
                if (_keys[entry] == key)
                {
                    _seconds[entry] = seconds;
                    return;
                }

                slot = (slot + 1) & mask;
            }

            if (_count == _keys.Length)
            {
                Grow();
                Add(key, seconds);
                return;
            }

            _keys[_count] = key;
            _seconds[_count] = seconds;
            _index[slot] = ++_count;
        }

        public void Add(string fullName, double seconds) => Add(KeyOf(fullName), seconds);

        /// <summary>The durations added; the builder takes no more after this (the result keeps its arrays).</summary>
        public ExpectedDurations Build()
        {
            ObjectDisposedException.ThrowIf(_built, this);
            _built = true;
            return new(_keys, _seconds, _index, _count);
        }

        /// <summary>An index at most half full: probes stay short.</summary>
        private static int IndexSizeFor(int capacity)
        {
            var size = 8;
            while (size < capacity * 2)
            {
                size *= 2;
            }

            return size;
        }

        private void Grow()
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _seconds, _keys.Length);
            _index = new int[IndexSizeFor(_keys.Length)];
            var mask = _index.Length - 1;
            for (var entry = 0; entry < _count; entry++)
            {
                var slot = (int)(Mix(_keys[entry]) & (uint)mask);
                while (_index[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                _index[slot] = entry + 1;
            }
        }
    }
}
