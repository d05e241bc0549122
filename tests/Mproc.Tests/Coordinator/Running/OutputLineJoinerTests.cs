using Mproc.Coordinator.Running;
using Xunit;

namespace Mproc.Tests.Coordinator.Running;

public sealed class OutputLineJoinerTests
{
    [Fact]
    public void Add_Pieces_GiveWholeLinesOnlyOnceComplete()
    {
        var joiner = new OutputLineJoiner();

        Assert.Empty(joiner.Add(0, "Progress", "progress: "));
        Assert.Equal(["progress: one", "two"], joiner.Add(0, "Progress", "one\r\ntwo\nthr"));
        Assert.Equal([(0, "thr")], joiner.Flush());
        Assert.Empty(joiner.Flush());
    }

    [Fact]
    public void Add_WorkersAndStreams_AreJoinedSeparately()
    {
        var joiner = new OutputLineJoiner();

        Assert.Empty(joiner.Add(0, "Error", "zero "));
        Assert.Empty(joiner.Add(1, "Error", "one "));
        Assert.Empty(joiner.Add(0, "Progress", "progress "));
        Assert.Equal(["one done"], joiner.Add(1, "Error", "done\n"));
        Assert.Equal(["zero done"], joiner.Add(0, "Error", "done\n"));
        Assert.Equal([(0, "progress ")], joiner.Flush());
    }

    [Fact]
    public void Flush_OfSeveralWorkers_OrdersByWorkerThenByFirstPiece()
    {
        var joiner = new OutputLineJoiner();

        joiner.Add(2, "Error", "two");
        joiner.Add(0, "Progress", "zero progress");
        joiner.Add(1, "Error", "one");
        joiner.Add(0, "Error", "zero error");
        joiner.Add(1, "Out", "done\n");

        Assert.Equal([(0, "zero progress"), (0, "zero error"), (1, "one"), (2, "two")], joiner.Flush());
        Assert.Empty(joiner.Flush());
    }
}
