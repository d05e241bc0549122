using Mproc.Coordinator.Results;

namespace Mproc.Coordinator.Reporting;

/// <summary>One test case as a TRX file names it: its ids, its definition and its result.</summary>
internal sealed record TrxTest(
    Guid TestId,
    Guid ExecutionId,
    string Storage,
    string ClassName,
    string MethodName,
    string Name,
    IReadOnlyList<string> Categories,
    NodeResult Result,
    string Outcome,
    IReadOnlyList<Protocol.Messages.TestAttachment> Attachments)
{
    public static IReadOnlyList<TrxTest> Collect(AggregatedRun run, Guid runId)
    {
        var tests = new List<TrxTest>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var fixture in ReportedFixture.Collect(run.Report))
        {
            var storage = fixture.Assembly.Path;
            var assemblyName = Path.GetFileName(storage);
            foreach (var test in fixture.Tests)
            {
                var node = test.Node;
                // NUnit allows two cases with one full name (say [Random] drew the same value twice);
                // a TRX test id must stay unique, so repeats are numbered.
                var key = assemblyName + "|" + node.FullName;
                var occurrence = seen[key] = seen.GetValueOrDefault(key) + 1;
                var testId = NameBasedGuid.Create(occurrence == 1 ? key : key + "|" + occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var result = run.ResultOf(test);
                tests.Add(new TrxTest(
                    testId,
                    NameBasedGuid.Create(runId, testId.ToString("D")),
                    storage,
                    node.ClassName ?? fixture.Suite.Node.FullName,
                    node.MethodName ?? node.Name,
                    node.Name,
                    CategoriesOf(test),
                    result,
                    TrxOutcomes.From(result),
                    test.Outcome?.AttachmentList ?? []));
            }
        }

        return tests;
    }

    /// <summary>The Category properties of the test and of every suite above it, as NUnit inherits them.</summary>
    private static List<string> CategoriesOf(ResultNode test)
    {
        var categories = new List<string>();
        for (var node = test; node is not null; node = node.Parent)
        {
            var properties = node.Node.Properties;
            for (var i = 0; i + 1 < properties.Count; i += 2)
            {
                if (properties[i] == "Category" && !categories.Contains(properties[i + 1]))
                {
                    categories.Add(properties[i + 1]);
                }
            }
        }

        return categories;
    }
}
