using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// The asynchronous fixture API under nunit-mproc: a fixture derived from GlobalFixture&lt;TSelf, T&gt;
/// with a context and its own source-generated JSON options (its value holds an IPAddress, which the
/// default options cannot carry), read through the short accessor in worker processes.
/// </summary>
public sealed class GlobalFixtureApiRunTests
{
    [Theory]
    [InlineData("2", false)]
    [InlineData("1", true)]
    public async Task AsyncFixture_ContextLogInTheOutput_RightWorkerCount_OwnJsonOptions_ShortAccessor(string cores, bool inProcess)
    {
        var logDirectory = TestTemp.CreateDirectory("gf-").FullName;
        string[] mode = inProcess ? ["--disable-mproc"] : [];
        var run = await MprocTool.RunAsync(
            [.. mode, "--cores", cores, "--where", "cat == Async", TestAssets.GlobalFixturesNUnit4],
            new Dictionary<string, string> { [GlobalFixturesAsset.LogDirectoryVariable] = logDirectory });

        // The tests themselves check the value: worker count, run id, folder, and the address the own options carry.
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(5, run.Results.Results.Count);
        Assert.Contains($"[GlobalFixtureSuite.Service] service listening for {cores} workers", run.Stdout, StringComparison.Ordinal);
        var log = GlobalFixturesAsset.ReadLog(logDirectory);
        Assert.Single(log, l => l is { Kind: "setup", Subject: "Service" });
        Assert.Single(log, l => l is { Kind: "teardown", Subject: "Service" });
    }

    [Fact]
    public async Task InterruptedRun_CancelsTheTokenOfASetUpStillRunning()
    {
        var logDirectory = TestTemp.CreateDirectory("gf-").FullName;
        var (exitCode, output) = await MprocTool.RunAndInterruptAsync(
            ["--cores", "1", "--no-result", "--where", "cat == Waiting", TestAssets.GlobalFixturesNUnit4],
            new Dictionary<string, string> { [GlobalFixturesAsset.LogDirectoryVariable] = logDirectory },
            null,
            () => GlobalFixturesAsset.ReadLog(logDirectory).Any(l => l is { Kind: "setup", Subject: "Waiting" }));

        Assert.True(exitCode == (-3 & 0xFF), output);
        Assert.Single(GlobalFixturesAsset.ReadLog(logDirectory), l => l is { Kind: "cancelled", Subject: "Waiting" });
    }
}
