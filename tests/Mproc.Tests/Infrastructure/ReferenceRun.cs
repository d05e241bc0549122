using System.Globalization;
using System.Xml;
using NUnit.Engine;

namespace Mproc.Tests.Infrastructure;

/// <summary>
/// A plain serial run of one test assembly by the real NUnit engine (3.22, in-process on .NET):
/// the result that nunit-mproc's merged result must equal.
/// </summary>
public sealed class ReferenceRun
{
    /// <summary>The RandomSeed every reference run uses, so [Random] arguments are reproducible.</summary>
    public const int DefaultRandomSeed = 20240601;

    // NUnit redirects Console.Out and Console.Error for the duration of a run: never two at once in this process.
    private static readonly SemaphoreSlim OneRunAtATime = new(1, 1);

    private ReferenceRun(XmlNode resultXml, IReadOnlyDictionary<string, ReferenceResult> results, ReferenceTotals totals)
    {
        ResultXml = resultXml;
        Results = results;
        Totals = totals;
    }

    /// <summary>The engine's test-run element (NUnit 3 result format).</summary>
    public XmlNode ResultXml { get; }

    /// <summary>Every test case in the result, by full name.</summary>
    public IReadOnlyDictionary<string, ReferenceResult> Results { get; }

    public ReferenceTotals Totals { get; }

    /// <summary>
    /// Runs <paramref name="assemblyPath"/> serially (one test worker) with a fixed RandomSeed, selecting the
    /// tests matched by <paramref name="where"/> (the console runner's --where syntax), or all of them when null.
    /// </summary>
    public static async Task<ReferenceRun> RunAsync(
        string assemblyPath,
        string? where = null,
        int randomSeed = DefaultRandomSeed,
        CancellationToken cancellationToken = default)
    {
        await OneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            var workDirectory = Directory.CreateTempSubdirectory("mproc-reference-").FullName;
            try
            {
                return Run(assemblyPath, where, randomSeed, workDirectory);
            }
            finally
            {
                Directory.Delete(workDirectory, recursive: true);
            }
        }
        finally
        {
            OneRunAtATime.Release();
        }
    }

    /// <summary>Reads a result the way <see cref="RunAsync"/> does, e.g. one nunit-mproc wrote to disk.</summary>
    public static ReferenceRun FromResultXml(XmlNode resultXml)
    {
        ArgumentNullException.ThrowIfNull(resultXml);
        var testRun = resultXml.Name == "test-run"
            ? resultXml
            : resultXml.SelectSingleNode("//test-run") ?? throw new ArgumentException("No test-run element.", nameof(resultXml));

        var results = new Dictionary<string, ReferenceResult>(StringComparer.Ordinal);
        foreach (XmlNode testCase in testRun.SelectNodes("//test-case")!)
        {
            var fullName = Attribute(testCase, "fullname") ?? throw new InvalidDataException("A test-case without fullname.");
            var message = testCase.SelectSingleNode("failure/message") ?? testCase.SelectSingleNode("reason/message");
            results.Add(fullName, new ReferenceResult(
                Attribute(testCase, "result") ?? string.Empty,
                Attribute(testCase, "label"),
                Attribute(testCase, "site"),
                message?.InnerText));
        }

        var totals = new ReferenceTotals(
            Total: Count(testRun, "total"),
            Passed: Count(testRun, "passed"),
            Failed: Count(testRun, "failed"),
            Errors: results.Values.Count(r => r is { Result: "Failed", Label: "Error" }),
            Warnings: Count(testRun, "warnings"),
            Inconclusive: Count(testRun, "inconclusive"),
            Skipped: Count(testRun, "skipped"),
            Ignored: results.Values.Count(r => r is { Result: "Skipped", Label: "Ignored" }),
            Explicit: results.Values.Count(r => r is { Result: "Skipped", Label: "Explicit" }));

        return new ReferenceRun(testRun, results, totals);
    }

    private static ReferenceRun Run(string assemblyPath, string? where, int randomSeed, string workDirectory)
    {
        using var engine = new TestEngine();
        engine.WorkDirectory = workDirectory;
        engine.InternalTraceLevel = InternalTraceLevel.Off;
        engine.Initialize();

        var package = new TestPackage(Path.GetFullPath(assemblyPath));
        package.AddSetting("RandomSeed", randomSeed);
        package.AddSetting("NumberOfTestWorkers", 0);
        package.AddSetting("WorkDirectory", workDirectory);

        var filterBuilder = engine.Services.GetService<ITestFilterService>().GetTestFilterBuilder();
        if (!string.IsNullOrWhiteSpace(where))
        {
            filterBuilder.SelectWhere(where);
        }

        using var runner = engine.GetRunner(package);
        var result = runner.Run(listener: null, filterBuilder.GetFilter());
        return FromResultXml(result);
    }

    private static string? Attribute(XmlNode node, string name) => node.Attributes?[name]?.Value;

    private static int Count(XmlNode node, string name) =>
        int.Parse(Attribute(node, name) ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture);
}
