using System.Text;
using System.Xml;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// Theories and [NonParallelizable] tests on real workers (tests/TestAssets/Units.NUnit4): a theory's
/// cases stay in one worker, whatever the timings say, so its result is NUnit's; a
/// non-parallelizable test never runs while another test runs.
/// </summary>
public sealed class ExclusiveAndTheoryTests
{
    private const int UnitsTestCount = 32 + 25;

    [Fact]
    public async Task Theories_WhoseCasesTimingsWouldSplitThem_HaveSerialNUnitsResults()
    {
        var reference = await ReferenceRun.RunAsync(TestAssets.UnitsNUnit4);

        // Every theory case "took" long and every other test no time: the theories go first, and
        // without binding each batch would hold a few cases, splitting every theory.
        var timings = Path.Combine(TestTemp.CreateDirectory("timings-").FullName, "t.json");
        var entries = reference.Results.Keys.Select(n => $"\"{n}\": {(n.StartsWith("Units.Theories.", StringComparison.Ordinal) ? "5.0" : "0.001")}");
        File.WriteAllText(timings, $"{{ \"version\": 1, \"assemblies\": {{ \"Units.NUnit4.dll\": {{ {string.Join(", ", entries)} }} }} }}", Encoding.UTF8);
        var run = await MprocTool.RunAsync("--cores", "3", "--timings", timings, TestAssets.UnitsNUnit4);

        Assert.True(File.Exists(run.ResultPath), run.ToString());
        AssertSameResults(reference, run.Results);
        var expected = Theories(reference.ResultXml);
        var actual = Theories(run.Results.ResultXml);
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, actual);
        Assert.Equal(reference.Totals.Failed, run.ExitCode);

        // The console names the failed theories NUnit fails, and no other.
        foreach (var (name, (result, _, _)) in expected)
        {
            Assert.Equal(result == "Failed", run.Stdout.Contains(name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task NonParallelizableTests_NeverOverlapAnyOtherTest()
    {
        var reference = await ReferenceRun.RunAsync(TestAssets.UnitsNUnit4);
        var directory = TestTemp.CreateDirectory("log-").FullName;

        var run = await MprocTool.RunAsync(["--cores", "3", "--no-timings", TestAssets.UnitsNUnit4], new Dictionary<string, string> { ["MPROC_ASSET_LOG_DIR"] = directory });

        Assert.True(File.Exists(run.ResultPath), run.ToString());
        AssertSameResults(reference, run.Results);
        var log = TestRunLog.Read(directory);
        Assert.Equal(25, log.Count);
        Assert.True(log.Select(l => l.Pid).Distinct().Count() > 1, "the ordinary tests ran in one worker only");
        var exclusive = log.Where(IsNonParallelizable).ToList();
        Assert.Equal(9, exclusive.Count);
        foreach (var alone in exclusive)
        {
            foreach (var other in log.Where(l => l != alone))
            {
                Assert.False(
                    other.Start < alone.End && alone.Start < other.End,
                    $"{alone.Name} (worker {alone.Worker}) ran while {other.Name} (worker {other.Worker}) did");
            }
        }
    }

    private static bool IsNonParallelizable(TestRunLog line) =>
        line.Name.StartsWith("Units.Exclusive.", StringComparison.Ordinal)
        || line.Name.StartsWith("Units.Zeta.RegistryTests.", StringComparison.Ordinal)
        || line.Name.EndsWith(".AloneInTheMiddle", StringComparison.Ordinal);

    private static void AssertSameResults(ReferenceRun reference, ReferenceRun merged)
    {
        Assert.Equal(UnitsTestCount, reference.Results.Count);
        Assert.Equal(reference.Results.Keys.Order(StringComparer.Ordinal), merged.Results.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, expected) in reference.Results)
        {
            Assert.True(expected == merged.Results[name], $"{name}: serial NUnit gave {expected}, nunit-mproc gave {merged.Results[name]}");
        }

        Assert.Equal(reference.Totals, merged.Totals);
    }

    /// <summary>Each theory suite's result, label and message.</summary>
    private static Dictionary<string, (string Result, string Label, string Message)> Theories(XmlNode testRun) =>
        testRun.SelectNodes("//test-suite[@type='Theory']")!.Cast<XmlNode>().ToDictionary(
            s => s.Attributes!["fullname"]!.Value,
            s => (s.Attributes!["result"]!.Value, s.Attributes["label"]?.Value ?? string.Empty, s.SelectSingleNode("failure/message")?.InnerText ?? string.Empty));
}
