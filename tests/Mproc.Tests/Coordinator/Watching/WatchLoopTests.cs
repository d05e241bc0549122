using Mproc.Coordinator.Running;
using Mproc.Coordinator.Watching;
using Xunit;

namespace Mproc.Tests.Coordinator.Watching;

/// <summary>The decisions of --looponfail, driven without building or running anything.</summary>
public sealed class WatchLoopTests
{
    private static RunFailures Ran(string[] ran, params string[] failed) => new(ran.ToHashSet(StringComparer.Ordinal), failed);

    [Fact]
    public void FirstRunFails_ThenEachChange_RunsTheFailingTests_UntilTheyPass_ThenEverythingAgain_ThenWaits()
    {
        var loop = new WatchLoop();

        Assert.IsType<WatchStep.RunEverything>(loop.On(WatchTrigger.Start));
        var (afterFull, _) = loop.Finished(Ran(["A", "B", "C", "D"], "A", "B"), 2);
        Assert.Equal("waiting for changes (2 failing: A, B)", Assert.IsType<WatchStep.Wait>(afterFull).Status);

        Assert.Equal(["A", "B"], Assert.IsType<WatchStep.RunFailures>(loop.On(WatchTrigger.FilesChanged)).Names);
        var (afterFirstFix, nowPassing) = loop.Finished(Ran(["A", "B"], "B"), 1);
        Assert.Equal(["A"], nowPassing);
        Assert.Equal("waiting for changes (1 failing: B)", Assert.IsType<WatchStep.Wait>(afterFirstFix).Status);

        Assert.Equal(["B"], Assert.IsType<WatchStep.RunFailures>(loop.On(WatchTrigger.FilesChanged)).Names);
        var (afterSecondFix, passingToo) = loop.Finished(Ran(["B"]), 0);
        Assert.Equal(["B"], passingToo);
        Assert.IsType<WatchStep.RunEverything>(afterSecondFix);

        var (afterAll, _) = loop.Finished(Ran(["A", "B", "C", "D"]), 0);
        Assert.Equal("waiting for changes (all 4 tests passed)", Assert.IsType<WatchStep.Wait>(afterAll).Status);
        Assert.IsType<WatchStep.RunEverything>(loop.On(WatchTrigger.FilesChanged));
    }

    [Fact]
    public void ABuildThatFails_KeepsTheFailingTests_AndWaits_TheNextChangeRunsThemAgain()
    {
        var loop = new WatchLoop();
        loop.On(WatchTrigger.Start);
        loop.Finished(Ran(["A", "B"], "A"), 1);
        loop.On(WatchTrigger.FilesChanged);

        var (next, nowPassing) = loop.Finished(null, -2);

        Assert.Equal("waiting for changes (the build failed)", Assert.IsType<WatchStep.Wait>(next).Status);
        Assert.Empty(nowPassing);
        Assert.Equal(["A"], Assert.IsType<WatchStep.RunFailures>(loop.On(WatchTrigger.FilesChanged)).Names);
    }

    [Fact]
    public void ATestFailingForTheFirstTimeInAFailuresRun_JoinsTheFailingOnes()
    {
        var loop = new WatchLoop();
        loop.On(WatchTrigger.Start);
        loop.Finished(Ran(["A", "B"], "A"), 1);
        loop.On(WatchTrigger.RunFailed);

        var (next, _) = loop.Finished(Ran(["A", "B"], "A", "B"), 2);

        Assert.Equal("waiting for changes (2 failing: A, B)", Assert.IsType<WatchStep.Wait>(next).Status);
    }

    [Fact]
    public void Keys_EnterRunsEverything_FRunsTheFailures_QLeavesWithTheLastFullRunsExitCode()
    {
        var loop = new WatchLoop();
        loop.On(WatchTrigger.Start);
        loop.Finished(Ran(["A", "B"], "A"), 1);
        Assert.IsType<WatchStep.RunFailures>(loop.On(WatchTrigger.RunFailed));
        loop.Finished(Ran(["A"], "A"), 1);

        Assert.IsType<WatchStep.RunEverything>(loop.On(WatchTrigger.RunAll));
        loop.Finished(Ran(["A", "B"], "A", "B"), 2);
        loop.On(WatchTrigger.FilesChanged);
        loop.Finished(Ran(["A", "B"], "B"), 1);

        Assert.Equal(2, Assert.IsType<WatchStep.Leave>(loop.On(WatchTrigger.Quit)).ExitCode);
    }

    [Theory]
    [InlineData("", WatchTrigger.RunAll)]
    [InlineData("f", WatchTrigger.RunFailed)]
    [InlineData(" q ", WatchTrigger.Quit)]
    [InlineData("Q", WatchTrigger.Quit)]
    [InlineData("x", null)]
    public void RedirectedInput_Lines_AreKeys(string line, WatchTrigger? expected) =>
        Assert.Equal(expected, KeyInput.FromLine(line));
}
