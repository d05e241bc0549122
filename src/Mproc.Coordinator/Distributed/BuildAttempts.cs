using System.Globalization;
using Mproc.Coordinator.Results;
using Mproc.Coordinator.Scheduling;
using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Distributed;

/// <summary>What a new attempt of a build runs again.</summary>
/// <param name="Units">The units to queue again, in the plan's order (longest first).</param>
/// <param name="Tests">How many tests those units hold.</param>
/// <param name="SetAside">
/// The tests whose result moves aside under the closing attempt before they run again: with null, the
/// stored result moves; with a value (the tests of a unit given up, which have none), that value is
/// what the report gave them.
/// </param>
public sealed record AttemptRetry(IReadOnlyList<int> Units, int Tests, IReadOnlyList<KeyValuePair<string, byte[]?>> SetAside);

/// <summary>A test that failed in an earlier attempt of the build and ran again.</summary>
/// <param name="Earlier">Its outcome in each earlier attempt it ran in, oldest first.</param>
/// <param name="PassesNow">Whether its result in the build's current attempt is not a failure.</param>
public sealed record RetriedTest(int Ordinal, IReadOnlyList<(int Attempt, bool Failed)> Earlier, int Attempt, bool PassesNow);

/// <summary>
/// The attempts of a build: a CI re-run keeps the build id and raises the attempt, and the new
/// attempt runs again the units holding a test that failed (or was lost, or has no result), while
/// everything else keeps its result. Pure: it reads the stored records and says what to do.
/// </summary>
public static class BuildAttempts
{
    /// <summary>A failure, an error or an invalid test: what the summary counts as failed.</summary>
    public static bool Failed(StoredResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome?.Status == TestStatuses.Failed;
    }

    /// <summary>The failure the tests of a unit given up are reported with (its lease expired with each of these nodes).</summary>
    public static TestOutcome Lost(IReadOnlyList<string> lostBy, long ticks)
    {
        ArgumentNullException.ThrowIfNull(lostBy);
        var message = $"lost with {string.Join(" and ", lostBy.Select(n => $"node {n}"))}: its lease expired {lostBy.Count} times (--max-lost), so it was not handed out again";
        return new TestOutcome(TestStatuses.Failed, ResultLabels.Error, "Test", message, null, null, ticks, ticks, 0, 0);
    }

    /// <summary>
    /// What the attempt after <paramref name="closing"/> runs again: every unit given up, holding a
    /// failed test or a test without a result. <paramref name="results"/> are by ordinal;
    /// <paramref name="givenUp"/> maps a unit to the nodes that lost it.
    /// </summary>
    public static AttemptRetry Choose(IReadOnlyList<WorkUnit> units, IReadOnlyDictionary<int, StoredResult> results, IReadOnlyDictionary<int, IReadOnlyList<string>> givenUp, int closing, long ticks)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(givenUp);
        var again = new List<int>();
        var setAside = new List<KeyValuePair<string, byte[]?>>();
        var tests = 0;
        for (var unit = 0; unit < units.Count; unit++)
        {
            var ordinals = units[unit].Ordinals;
            var lostBy = givenUp.GetValueOrDefault(unit);
            if (lostBy is null && ordinals.All(o => results.TryGetValue(o, out var result) && !Failed(result)))
            {
                continue;
            }

            again.Add(unit);
            tests += ordinals.Count;
            foreach (var ordinal in ordinals)
            {
                if (results.ContainsKey(ordinal))
                {
                    setAside.Add(new(Key(ordinal), null));
                }
                else if (lostBy is { Count: > 0 })
                {
                    var lost = new StoredResult(lostBy[^1], -1, ResultOrigin.WorkerLost, Lost(lostBy, ticks), closing);
                    setAside.Add(new(Key(ordinal), BuildRecords.Encode(lost)));
                }
            }
        }

        return new AttemptRetry(again, tests, setAside);
    }

    /// <summary>"attempt:name", the field of a value kept per attempt: a result set aside (by test key), a node's share (by node).</summary>
    public static string AttemptField(int attempt, string key) => string.Create(CultureInfo.InvariantCulture, $"{attempt}:{key}");

    /// <summary>
    /// The tests that failed in some earlier attempt, with what became of them; from the results set
    /// aside (by their field) and the current results (by ordinal). Ordered by ordinal.
    /// </summary>
    public static IReadOnlyList<RetriedTest> Retried(IReadOnlyDictionary<string, StoredResult> setAside, IReadOnlyDictionary<int, StoredResult> current)
    {
        ArgumentNullException.ThrowIfNull(setAside);
        ArgumentNullException.ThrowIfNull(current);
        var earlier = new Dictionary<int, List<(int Attempt, bool Failed)>>();
        foreach (var (field, result) in setAside)
        {
            var colon = field.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0
                || !int.TryParse(field.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
                || !int.TryParse(field.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
            {
                continue;
            }

            if (!earlier.TryGetValue(ordinal, out var history))
            {
                earlier[ordinal] = history = [];
            }

            history.Add((attempt, Failed(result)));
        }

        return [.. earlier
            .Where(e => e.Value.Exists(h => h.Failed) && current.ContainsKey(e.Key))
            .OrderBy(e => e.Key)
            .Select(e => new RetriedTest(e.Key, [.. e.Value.OrderBy(h => h.Attempt)], current[e.Key].Attempt, !Failed(current[e.Key])))];
    }

    /// <summary>A test's history, e.g. "failed in attempt 1, passed in attempt 2".</summary>
    public static string History(RetriedTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var steps = test.Earlier.Select(h => $"{(h.Failed ? "failed" : "passed")} in attempt {h.Attempt}")
            .Append($"{(test.PassesNow ? "passed" : "failed")} in attempt {test.Attempt}");
        return string.Join(", ", steps);
    }

    /// <summary>The one error line of a node whose attempt is older than the build's.</summary>
    public static string Refusal(string buildId, int attempt, int current) =>
        $"build {buildId} is at attempt {current}, later than this node's attempt {attempt} (--attempt): a newer re-run of the build has started, so this node runs nothing";

    private static string Key(int ordinal) => ordinal.ToString(CultureInfo.InvariantCulture);
}
