using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// With timings that make a fixture's later tests the longest, its tests still run in NUnit's order
/// (a suite that relies on it passes on the next run), an explicit [MprocPriority] still moves a test
/// ahead inside its fixture, and --reorder-tests (or MPROC_REORDER_TESTS) runs them longest first.
/// </summary>
public sealed class FixtureOrderTests
{
    private const string Sequence = "FixtureOrder.StatefulSequence.";
    private const string Prioritized = "FixtureOrder.PrioritizedInFixture.";
    private static readonly char[] NewLines = ['\r', '\n'];

    [Fact]
    public async Task LaterTestsLongest_ByDefault_NUnitsOrderInsideTheFixture_AndTheRunPasses()
    {
        var timings = WriteTimings();

        var listed = await MprocTool.RunAsync("--list", "--timings", timings, TestAssets.FixtureOrderNUnit4);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Equal([Sequence + "A_Creates", Sequence + "B_Uses", Sequence + "C_Deletes"], Lines(listed.Stdout, Sequence));
        Assert.Equal([Prioritized + "C_Urgent", Prioritized + "A_First", Prioritized + "B_Second"], Lines(listed.Stdout, Prioritized));

        foreach (var mode in new[] { new[] { "--cores", "1" }, ["--disable-mproc"] })
        {
            var run = await MprocTool.RunAsync([.. mode, "--timings", WriteTimings(), TestAssets.FixtureOrderNUnit4]);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.All(run.Results.Results.Values, r => Assert.Equal("Passed", r.Result));
        }
    }

    [Fact]
    public async Task LaterTestsLongest_WithReorderTests_LongestFirstInsideTheFixture()
    {
        var listed = await MprocTool.RunAsync("--list", "--reorder-tests", "--timings", WriteTimings(), TestAssets.FixtureOrderNUnit4);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Equal([Sequence + "C_Deletes", Sequence + "B_Uses", Sequence + "A_Creates"], Lines(listed.Stdout, Sequence));
        Assert.Equal([Prioritized + "C_Urgent", Prioritized + "B_Second", Prioritized + "A_First"], Lines(listed.Stdout, Prioritized));

        var environment = new Dictionary<string, string> { ["MPROC_REORDER_TESTS"] = "true" };
        var run = await MprocTool.RunAsync(["--cores", "1", "--timings", WriteTimings(), TestAssets.FixtureOrderNUnit4], environment);

        // Deleting and using before creating: the suite's reliance on NUnit's order shows.
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("Failed", run.Results.Results[Sequence + "C_Deletes"].Result);
        Assert.Equal("Failed", run.Results.Results[Sequence + "B_Uses"].Result);
    }

    /// <summary>An earlier run's timings in which each fixture's later tests took longest.</summary>
    private static string WriteTimings()
    {
        var path = Path.Combine(TestTemp.CreateDirectory("timings-").FullName, "timings.json");
        File.WriteAllText(path, """
            { "version": 1, "assemblies": { "FixtureOrder.NUnit4.dll": {
              "FixtureOrder.StatefulSequence.A_Creates": 0.01,
              "FixtureOrder.StatefulSequence.B_Uses": 0.5,
              "FixtureOrder.StatefulSequence.C_Deletes": 2.0,
              "FixtureOrder.PrioritizedInFixture.A_First": 0.01,
              "FixtureOrder.PrioritizedInFixture.B_Second": 0.02,
              "FixtureOrder.PrioritizedInFixture.C_Urgent": 0.03 } } }
            """);
        return path;
    }

    private static List<string> Lines(string stdout, string prefix) =>
        [.. stdout.Split(NewLines, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];
}
