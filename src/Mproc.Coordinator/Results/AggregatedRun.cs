namespace Mproc.Coordinator.Results;

/// <summary>A <see cref="RunReport"/> with the effective result of every node and of the run.</summary>
public sealed class AggregatedRun
{
    private readonly IReadOnlyDictionary<ResultNode, NodeResult> _results;

    internal AggregatedRun(RunReport report, NodeResult run, IReadOnlyDictionary<ResultNode, NodeResult> results)
    {
        Report = report;
        Run = run;
        _results = results;
    }

    public RunReport Report { get; }

    /// <summary>The result of the run as a whole (the <c>&lt;test-run&gt;</c> element).</summary>
    public NodeResult Run { get; }

    /// <summary>The effective result of a node of one of the report's trees.</summary>
    public NodeResult ResultOf(ResultNode node) => _results[node];
}
