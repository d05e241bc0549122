namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// The answer to one claim: ordinal ranges (start, count pairs) now owned by the worker, ranges
/// given to other workers since its last grant, and whether nothing at or after its position is
/// left to give.
/// </summary>
public sealed record Grant(IReadOnlyList<int> Mine, IReadOnlyList<int> Taken, bool QueueEmpty)
{
    public int MineCount
    {
        get
        {
            var count = 0;
            for (var i = 1; i < Mine.Count; i += 2)
            {
                count += Mine[i];
            }

            return count;
        }
    }
}
