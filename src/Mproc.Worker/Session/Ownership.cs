namespace Mproc.Worker.Session;

/// <summary>
/// What this worker knows about who runs each test of the run, by ordinal: nobody yet (as far as
/// it knows), this worker, or another worker. Fed by the coordinator's grants.
/// </summary>
internal sealed class Ownership
{
    private const byte Unknown = 0;
    private const byte Mine = 1;
    private const byte Taken = 2;

    private readonly byte[] _states;

    public Ownership(int testCount) => _states = new byte[testCount];

    /// <summary>Set when the coordinator has nothing left to grant: every unknown test is someone else's.</summary>
    public bool QueueEmpty { get; private set; }

    public bool IsMine(int ordinal) => _states[ordinal] == Mine;

    public bool IsKnown(int ordinal) => _states[ordinal] != Unknown || QueueEmpty;

    /// <summary>First ordinal in [first, last] not yet known, or -1.</summary>
    public int FirstUnknown(int first, int last)
    {
        if (QueueEmpty)
        {
            return -1;
        }

        var index = Array.IndexOf(_states, Unknown, first, last - first + 1);
        return index;
    }

    public bool AnyMine(int first, int last) => Array.IndexOf(_states, Mine, first, last - first + 1) >= 0;

    /// <summary>The coordinator is gone: no test runs here any more, not even one granted earlier.</summary>
    public void GiveUpAll()
    {
        Array.Fill(_states, Taken);
        QueueEmpty = true;
    }

    public void Apply(IReadOnlyList<int> mine, IReadOnlyList<int> taken, bool queueEmpty)
    {
        Mark(mine, Mine);
        Mark(taken, Taken);
        QueueEmpty |= queueEmpty;
    }

    private void Mark(IReadOnlyList<int> ranges, byte state)
    {
        for (var i = 0; i + 1 < ranges.Count; i += 2)
        {
            var start = ranges[i];
            var count = ranges[i + 1];
            if (start < 0 || count < 0 || start + count > _states.Length)
            {
                throw new InvalidDataException($"Grant range {start}+{count} is outside the run's {_states.Length} tests.");
            }

            _states.AsSpan(start, count).Fill(state);
        }
    }
}
