using System.Text.RegularExpressions;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// A test that kills its worker, or hangs, loses nothing: it is failed with the reason, the worker is
/// replaced (a new NUnit session that takes the dead worker's unrun tests), and every other test runs
/// and reports exactly once.
/// </summary>
public sealed class WorkerCrashTests
{
    private const int WorkerRestartsExhausted = -7;

    [Theory]
    [MemberData(nameof(CrashyAsset.CrashKinds), MemberType = typeof(CrashyAsset))]
    public async Task TestThatKillsItsWorker_IsFailedWithTheExit_AndEveryOtherTestRunsOnce(string mode, string test, string exit)
    {
        var run = await MprocTool.RunAsync(["--cores", "2", CrashyAsset.Path], Crash(mode));

        Assert.True(run.ExitCode == CrashyAsset.Failed + 1, run.ToString());
        var crashed = $"{CrashyAsset.CrashingFixture}.{test}";
        var results = run.Results.Results;
        Assert.Equal(CrashyAsset.Total, results.Count);
        Assert.Equal(("Failed", "Error"), (results[crashed].Result, results[crashed].Label));
        Assert.Matches($@"^worker \d crashed \({Regex.Escape(exit)}\) while running {Regex.Escape(crashed)}$", results[crashed].Message);
        Assert.All(results.Where(r => r.Key != crashed), r => Assert.Equal(CrashyAsset.ExpectedResultWithoutCrash(r.Key), r.Value.Result));
        Assert.Contains($"Accounted for: {CrashyAsset.Total} tests, {CrashyAsset.Total - 1} NUnit results, 1 failed by nunit-mproc (worker crashed or timed out)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("is replaced", run.Stderr, StringComparison.Ordinal);

        // The crash shows live like any failure, and the worker table counts every process of a slot.
        Assert.Matches($@"FAILED {Regex.Escape(crashed)} \(worker \d\): worker \d crashed", run.Stdout);
        Assert.Matches(@"\(2 processes: 1 replaced\)", run.Stdout);
        var tableTotal = Regex.Matches(run.Stdout, @"^\s+\d+\s+\d+\s+(\d+)\s+\d+\.\d{3}", RegexOptions.Multiline).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(CrashyAsset.Total, tableTotal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task OneTimeSetUpThatKillsItsWorker_FailsThatFixturesTests_AndTheRunGoesOn(int workers)
    {
        var run = await MprocTool.RunAsync(["--cores", workers.ToString(System.Globalization.CultureInfo.InvariantCulture), CrashyAsset.Path], Crash("onetimesetup"));

        Assert.True(run.ExitCode == CrashyAsset.Failed + 3, run.ToString());
        var results = run.Results.Results;
        Assert.Equal(CrashyAsset.Total, results.Count);
        var fixture = results.Where(r => r.Key.StartsWith(CrashyAsset.OneTimeSetUpCrashFixture + ".", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, fixture.Count);
        Assert.All(fixture, r => Assert.Equal("Failed", r.Value.Result));
        Assert.All(fixture, r => Assert.Matches(
            $@"^worker \d crashed \(exit code 5\) in the one-time setup of {Regex.Escape(CrashyAsset.OneTimeSetUpCrashFixture)}, before any of its tests$",
            r.Value.Message));
        Assert.All(results.Where(r => !r.Key.StartsWith(CrashyAsset.OneTimeSetUpCrashFixture + ".", StringComparison.Ordinal)), r => Assert.Equal(CrashyAsset.ExpectedResultWithoutCrash(r.Key), r.Value.Result));
        Assert.Contains($"Accounted for: {CrashyAsset.Total} tests, {CrashyAsset.Total - 3} NUnit results, 3 failed by nunit-mproc (worker crashed or timed out)\n", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A hung OneTimeSetUp fails its fixture's tests; a hung OneTimeTearDown fails the fixture (an error, not a test failure); the run finishes.</summary>
    [Theory]
    [InlineData("setuphang")]
    [InlineData("teardownhang")]
    public async Task OneTimeSetUpOrTearDownThatHangs_IsTimedOut_AndTheRunFinishes(string mode)
    {
        var run = await MprocTool.RunAsync(["--cores", "2", "--test-timeout", "2", CrashyAsset.Path], Crash(mode), TimeSpan.FromSeconds(120));

        var results = run.Results.Results;
        Assert.Equal(CrashyAsset.Total, results.Count);
        var fixture = results.Where(r => r.Key.StartsWith(CrashyAsset.OneTimeSetUpCrashFixture + ".", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, fixture.Count);
        if (mode == "setuphang")
        {
            Assert.True(run.ExitCode == CrashyAsset.Failed + 3, run.ToString());
            Assert.All(fixture, r => Assert.Matches(
                $@"^worker \d timed out in the one-time setup of {Regex.Escape(CrashyAsset.OneTimeSetUpCrashFixture)}, before any of its tests \(nothing happened for longer than --test-timeout 2 s\); the worker was killed$",
                r.Value.Message));
        }
        else
        {
            Assert.All(fixture, r => Assert.Equal("Passed", r.Value.Result));
            var suite = System.Xml.Linq.XDocument.Parse(run.ResultXml).Descendants("test-suite")
                .Single(s => (string?)s.Attribute("fullname") == CrashyAsset.OneTimeSetUpCrashFixture);
            Assert.Equal("Failed", (string?)suite.Attribute("result"));
            Assert.Contains("timed out after running tests of", suite.Element("failure")?.Element("message")?.Value ?? string.Empty, StringComparison.Ordinal);
        }

        Assert.All(results.Where(r => !r.Key.StartsWith(CrashyAsset.OneTimeSetUpCrashFixture + ".", StringComparison.Ordinal)), r => Assert.Equal(CrashyAsset.ExpectedResultWithoutCrash(r.Key), r.Value.Result));
        Assert.Contains($"Accounted for: {CrashyAsset.Total} tests", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreCrashesThanRestarts_ReportTheRestAsNotRun_WithTheirOwnExitCode()
    {
        var run = await MprocTool.RunAsync(["--cores", "1", "--max-worker-restarts", "1", CrashyAsset.Path], Crash("all"));

        Assert.True(run.ExitCode == (WorkerRestartsExhausted & 0xFF), run.ToString());
        var results = run.Results.Results;
        Assert.Equal(CrashyAsset.Total, results.Count);
        var crashed = results.Where(r => r.Value.Message?.Contains(" crashed (", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(2, crashed.Count);
        var notRun = results.Where(r => r.Value.Message?.StartsWith("not run: workers crashed or hung more often than --max-worker-restarts 1", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(notRun);
        Assert.All(notRun, r => Assert.Equal("Failed", r.Value.Result));
        Assert.Contains($"Accounted for: {CrashyAsset.Total} tests, {CrashyAsset.Total - crashed.Count - notRun.Count} NUnit results, {crashed.Count} failed by nunit-mproc (worker crashed or timed out), {notRun.Count} failed by nunit-mproc (not run: no worker left)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"nunit-mproc: error: {notRun.Count} tests were not run", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRunningLongerThanTheTimeout_IsFailedAndItsWorkerReplaced()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = await MprocTool.RunAsync(["--cores", "2", "--test-timeout", "1.5", CrashyAsset.Path], Crash("hang"), TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == CrashyAsset.Failed + 1, run.ToString());
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(30));
        var results = run.Results.Results;
        var hung = $"{CrashyAsset.CrashingFixture}.Hangs";
        Assert.Equal(CrashyAsset.Total, results.Count);
        Assert.Equal("Failed", results[hung].Result);
        Assert.Matches($@"^worker \d timed out: {Regex.Escape(hung)} ran longer than --test-timeout 1.5 s; the worker was killed$", results[hung].Message);
        Assert.All(results.Where(r => r.Key != hung), r => Assert.Equal(CrashyAsset.ExpectedResultWithoutCrash(r.Key), r.Value.Result));
        Assert.Contains($"{hung} ran longer than 1.5s; killing the worker", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultsTooLargeForTheEventLog_ComeInOrder_AndACrashAfterThemIsStillPlaced()
    {
        // Every passing NormalTests case writes 600,000 characters: each of those results leaves a
        // marker in its worker's event log and comes on the connection instead; one test exits.
        var run = await MprocTool.RunAsync(["--cores", "2", CrashyAsset.Path], Crash("bigoutput,exit"), TimeSpan.FromSeconds(120));

        Assert.True(run.ExitCode == CrashyAsset.Failed + 1, run.ToString());
        var results = run.Results.Results;
        Assert.Equal(CrashyAsset.Total, results.Count);
        var crashed = $"{CrashyAsset.CrashingFixture}.ExitsWithCode3";
        Assert.Matches($@"^worker \d crashed \(exit code 3\) while running {Regex.Escape(crashed)}$", results[crashed].Message);
        Assert.All(results.Where(r => r.Key != crashed), r => Assert.Equal(CrashyAsset.ExpectedResultWithoutCrash(r.Key), r.Value.Result));
        var document = new System.Xml.XmlDocument();
        document.LoadXml(run.ResultXml);
        var big = document.SelectNodes("//test-case[starts-with(@fullname, 'Crashy.NormalTests(Fixture') and contains(@fullname, '.Passes(')]")!;
        Assert.Equal(36, big.Count);
        foreach (System.Xml.XmlNode testCase in big)
        {
            var output = testCase.SelectSingleNode("output")?.InnerText ?? string.Empty;
            Assert.True(output.Length > 600_000, $"{testCase.Attributes!["fullname"]!.Value}: {output.Length} characters of output");
        }

        Assert.Contains($"Accounted for: {CrashyAsset.Total} tests, {CrashyAsset.Total - 1} NUnit results, 1 failed by nunit-mproc (worker crashed or timed out)\n", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A passing test's output larger than a frame is carried in pieces: it passes, with all its output, in a worker process or in-process.</summary>
    [Theory]
    [InlineData("--cores=1")]
    [InlineData("--disable-mproc")]
    public async Task OutputLargerThanAFrame_IsKeptWhole_AndTheTestPasses(string mode)
    {
        var run = await MprocTool.RunAsync([mode, "--where", "class == Crashy.Zz.HugeOutputTests", CrashyAsset.Path], Crash("hugeoutput"), TimeSpan.FromSeconds(180));

        Assert.True(run.ExitCode == 0, run.ToString()[..Math.Min(4000, run.ToString().Length)]);
        var result = Assert.Single(run.Results.Results);
        Assert.Equal("Passed", result.Value.Result);
        using var reader = System.Xml.XmlReader.Create(run.ResultPath);
        Assert.True(reader.ReadToFollowing("output"));
        var output = reader.ReadElementContentAsString();
        Assert.Equal(70 * 1024 * 1024, output.Length);
        Assert.EndsWith("o😀", output, StringComparison.Ordinal);
        Assert.Equal(70, output.Split("😀").Length - 1);
        Assert.Contains(new string('e', 1000), run.Stdout, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Crash(string mode) => new() { [CrashyAsset.ModeVariable] = mode };
}
