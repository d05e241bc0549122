namespace Mproc.Protocol.Messages;

/// <summary>
/// How long one assembly's tests took in an earlier run, looked up by a test's full name. Kept and
/// sent by a 64-bit hash of the name (<see cref="KeyOf"/>): a suite of many trivial tests then costs
/// 16 bytes a test on the wire, and a worker looks its tests up without decoding their names. Two
/// names with one hash would share a duration, which changes at most the order of those two tests.
/// </summary>
public sealed class ExpectedDurations
{
    private readonly Dictionary<ulong, double> _byKey;

    /// <param name="byKey">Seconds by <see cref="KeyOf"/> of the test's full name; kept, not copied.</param>
    public ExpectedDurations(Dictionary<ulong, double> byKey)
    {
        ArgumentNullException.ThrowIfNull(byKey);
        _byKey = byKey;
        var total = 0.0;
        foreach (var seconds in byKey.Values)
        {
            total += seconds;
        }

        Mean = byKey.Count == 0 ? 0 : total / byKey.Count;
    }

    public static ExpectedDurations None { get; } = new([]);

    public int Count => _byKey.Count;

    /// <summary>The mean of the known durations (0 when none are known): the guess for a new test.</summary>
    public double Mean { get; }

    /// <summary>Durations by full name; a later duration for the same name wins.</summary>
    public static ExpectedDurations Of(IEnumerable<(string FullName, double Seconds)> timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var byKey = new Dictionary<ulong, double>();
        foreach (var (fullName, seconds) in timings)
        {
            byKey[KeyOf(fullName)] = seconds;
        }

        return new ExpectedDurations(byKey);
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

    public bool TryGet(string fullName, out double seconds) => _byKey.TryGetValue(KeyOf(fullName), out seconds);

    /// <summary>Seconds by name hash, in the order they were added.</summary>
    public IReadOnlyDictionary<ulong, double> Entries => _byKey;
}
