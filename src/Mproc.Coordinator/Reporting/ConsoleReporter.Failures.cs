using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Reporting;

/// <summary>The "Errors, Failures and Warnings" section, chosen as nunit3-console chooses it.</summary>
public sealed partial class ConsoleReporter
{
    /// <summary>
    /// Lists every failed or warning test case, and every failed or warning suite whose own
    /// SetUp, TearDown or body is the cause (not suites that only have failing children). Tests
    /// under a suite whose OneTimeSetUp failed are not listed one by one.
    /// </summary>
    public void WriteErrorsFailuresAndWarnings(AggregatedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entries = new List<(ResultNode Node, NodeResult Result)>();
        foreach (var assembly in run.Report.Assemblies)
        {
            Collect(run, assembly.Root, entries);
        }

        if (entries.Count == 0)
        {
            return;
        }

        _out.WriteLine("Errors, Failures and Warnings");
        _out.WriteLine();
        for (var i = 0; i < entries.Count; i++)
        {
            WriteEntry(i + 1, entries[i].Node, entries[i].Result);
        }
    }

    /// <summary>The entries of that section, in its order (also what CI annotations report).</summary>
    public static IReadOnlyList<(ResultNode Node, NodeResult Result)> ErrorsFailuresAndWarnings(AggregatedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entries = new List<(ResultNode Node, NodeResult Result)>();
        foreach (var assembly in run.Report.Assemblies)
        {
            Collect(run, assembly.Root, entries);
        }

        return entries;
    }

    private static void Collect(AggregatedRun run, ResultNode node, List<(ResultNode, NodeResult)> entries)
    {
        var result = run.ResultOf(node);
        var failedOrWarning = result.Status is TestStatuses.Failed or TestStatuses.Warning;
        if (node.IsTest)
        {
            if (failedOrWarning)
            {
                entries.Add((node, result));
            }

            return;
        }

        if (failedOrWarning)
        {
            if (node.Node.TestType == "Theory" || result.Site is FailureSites.SetUp or FailureSites.TearDown or FailureSites.Test)
            {
                entries.Add((node, result));
            }

            if (result.Site == FailureSites.SetUp)
            {
                return;
            }
        }

        foreach (var child in node.Children)
        {
            Collect(run, child, entries);
        }
    }

    private void WriteEntry(int index, ResultNode node, NodeResult result)
    {
        var status = string.IsNullOrEmpty(result.Label) ? result.Status : result.Label;
        if (status is TestStatuses.Failed or ResultLabels.Error && result.Site is FailureSites.SetUp or FailureSites.TearDown)
        {
            status = result.Site + " " + status;
        }

        _out.WriteLine($"{index}) {status} : {node.Node.FullName}");
        WriteTrimmed(result.Message);
        WriteTrimmed(result.StackTrace);
        if (!string.IsNullOrEmpty(result.Output))
        {
            _out.WriteLine("Output:");
            WriteTrimmed(result.Output);
        }

        _out.WriteLine();
    }

    private void WriteTrimmed(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _out.WriteLine(text.TrimEnd('\r', '\n'));
        }
    }
}
