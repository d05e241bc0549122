using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Running;

/// <summary>
/// What one run says about its tests, by full name: those that ran (their result came from a worker,
/// NUnit's or made for a lost worker: not those a stopped or interrupted run never started) and
/// those of them that failed, in run-report order.
/// </summary>
public sealed record RunFailures(IReadOnlySet<string> Ran, IReadOnlyList<string> Failed)
{
    public static RunFailures Of(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ran = new HashSet<string>(StringComparer.Ordinal);
        var failed = new List<string>();
        foreach (var assembly in report.Assemblies)
        {
            var pending = new Stack<ResultNode>([assembly.Root]);
            while (pending.TryPop(out var node))
            {
                for (var i = node.Children.Count - 1; i >= 0; i--)
                {
                    pending.Push(node.Children[i]);
                }

                if (node.IsTest && node.Outcome is { } outcome && node.Origin is ResultOrigin.NUnit or ResultOrigin.WorkerLost && ran.Add(node.Node.FullName)
                    && outcome.Status == TestStatuses.Failed)
                {
                    failed.Add(node.Node.FullName);
                }
            }
        }

        return new RunFailures(ran, failed);
    }
}
