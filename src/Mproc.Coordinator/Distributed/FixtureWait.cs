namespace Mproc.Coordinator.Distributed;

/// <summary>
/// How a node waits for another node's SetUp of a build-scoped global fixture: it asks again soon
/// at first and less often later, and just after the holder's lock would expire (then it takes the
/// lock itself); it gives up past --test-timeout and one lease time more, by when the holder's own
/// limit has failed the SetUp and stored the error every node gets.
/// </summary>
public static class FixtureWait
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(500);

    /// <summary>How long to wait before asking again, the <paramref name="attempt"/>th time (from 0), with <paramref name="lockLeft"/> left on the holder's lock.</summary>
    public static TimeSpan Next(int attempt, TimeSpan lockLeft)
    {
        var backoff = First * Math.Pow(2, Math.Min(attempt, 10));
        var untilExpiry = lockLeft + TimeSpan.FromMilliseconds(5);
        return Min(Min(backoff, Longest), untilExpiry);
    }

    /// <summary>Whether a node that has waited <paramref name="waited"/> gives up; never without a --test-timeout (as for a SetUp on one machine).</summary>
    public static bool GivesUp(TimeSpan waited, TimeSpan? testTimeout, TimeSpan leaseTime) =>
        testTimeout is { } limit && waited >= limit + leaseTime;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
