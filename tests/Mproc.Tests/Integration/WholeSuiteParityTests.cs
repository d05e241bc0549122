using System.Globalization;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// Suites NUnit skips or fails as a whole (tests/TestAssets/WholeSuites.Shared) come out of the tool
/// as out of a serial NUnit run: every test once, with NUnit's result, label, site and message, the
/// same counts and exit code, across worker processes, on one worker and in-process.
/// </summary>
public sealed class WholeSuiteParityTests
{
    public static TheoryData<int, string> Modes() => new()
    {
        { 3, "3" }, { 4, "3" }, { 5, "3" }, { 4, "1" }, { 5, "1" }, { 3, "--disable-mproc" }, { 5, "--disable-mproc" },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task WholeSuites_EveryTestOnce_AsSerialNUnit(int nunitMajor, string mode)
    {
        var assembly = TestAssets.WholeSuitesFor(nunitMajor);
        var reference = await ReferenceRun.RunAsync(assembly);
        string[] modeArgs = mode == "--disable-mproc" ? [mode] : ["--cores", mode];
        var run = await MprocTool.RunAsync([.. modeArgs, "--no-timings", assembly]);

        Assert.True(File.Exists(run.ResultPath), run.ToString());
        var merged = run.Results.Results;
        Assert.Equal(reference.Results.Keys.Order(StringComparer.Ordinal), merged.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, expected) in reference.Results)
        {
            var actual = merged[name];
            Assert.True(
                (expected.Result, expected.Label ?? string.Empty, expected.Site ?? "Test", expected.Message?.Trim()) == (actual.Result, actual.Label ?? string.Empty, actual.Site ?? "Test", actual.Message?.Trim()),
                $"{name}: serial NUnit gave {expected}, nunit-mproc gave {actual}\n{run}");
        }

        Assert.Equal(reference.Totals, run.Results.Totals);
        var failed = reference.Results.Values.Count(r => r.Result == "Failed");
        Assert.True(failed > 0);
        Assert.True(run.ExitCode == failed, run.ToString());
        Assert.Contains($"Test Count: {reference.Results.Count.ToString(CultureInfo.InvariantCulture)}", run.Stdout, StringComparison.Ordinal);
    }
}
