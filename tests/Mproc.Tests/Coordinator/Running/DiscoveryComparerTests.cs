using Mproc.Coordinator.Running;
using Mproc.Protocol.Messages;
using Xunit;
using static Mproc.Tests.Coordinator.Running.Discoveries;

namespace Mproc.Tests.Coordinator.Running;

public sealed class DiscoveryComparerTests
{
    private static readonly AssemblyDiscovery Reference = Assembly("/t/A.Tests.dll", 0, "F:One,Two", "G:Three");

    [Fact]
    public void FirstDifference_IdenticalDiscoveries_IsNull()
    {
        var copy = Assembly("/t/A.Tests.dll", 0, "F:One,Two", "G:Three");

        Assert.Null(DiscoveryComparer.FirstDifference([Reference], 0, [copy], 1));
    }

    [Fact]
    public void FirstDifference_OtherNameAtAPosition_NamesBothFullNamesAndThePosition()
    {
        var other = WithNode(Reference, 3, Node(1, 1, "TestMethod", "Two(42)", "NS.F.Two(42)"));

        var difference = DiscoveryComparer.FirstDifference([Reference], 0, [other], 3);

        Assert.NotNull(difference);
        Assert.Contains("A.Tests.dll", difference, StringComparison.Ordinal);
        Assert.Contains("position 3", difference, StringComparison.Ordinal);
        Assert.Contains("'NS.F.Two(42)'", difference, StringComparison.Ordinal);
        Assert.Contains("'NS.F.Two'", difference, StringComparison.Ordinal);
        Assert.Contains("worker 3", difference, StringComparison.Ordinal);
        Assert.Contains("worker 0", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstDifference_SameNameOtherParent_IsReported()
    {
        var other = WithNode(Reference, 3, Reference.Nodes[3] with { ParentIndex = 0 });

        Assert.Contains("position 3", DiscoveryComparer.FirstDifference([Reference], 0, [other], 1), StringComparison.Ordinal);
    }

    [Fact]
    public void FirstDifference_OnlyTheFirstOfSeveralDifferences_IsNamed()
    {
        var other = WithNode(WithNode(Reference, 2, Node(1, 0, "TestMethod", "X", "NS.F.X")), 5, Node(4, 2, "TestMethod", "Y", "NS.G.Y"));

        var difference = DiscoveryComparer.FirstDifference([Reference], 0, [other], 1);

        Assert.Contains("position 2", difference, StringComparison.Ordinal);
        Assert.DoesNotContain("NS.G.Y", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstDifference_OtherHasAnExtraNode_NamesIt()
    {
        var other = Reference with { Nodes = [.. Reference.Nodes, Node(4, 3, "TestMethod", "Four", "NS.G.Four")] };

        var difference = DiscoveryComparer.FirstDifference([Reference], 0, [other], 2);

        Assert.NotNull(difference);
        Assert.Contains("worker 2 discovered 'NS.G.Four'", difference, StringComparison.Ordinal);
        Assert.Contains("worker 0 did not", difference, StringComparison.Ordinal);
        Assert.Contains("6 vs 7", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstDifference_OtherMissesANode_NamesTheReferencesNode()
    {
        var other = Reference with { Nodes = [.. Reference.Nodes.Take(5)] };

        var difference = DiscoveryComparer.FirstDifference([Reference], 0, [other], 2);

        Assert.NotNull(difference);
        Assert.Contains("worker 0 discovered 'NS.G.Three'", difference, StringComparison.Ordinal);
        Assert.Contains("worker 2 did not", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstDifference_DifferentAssemblyCount_SaysBothCounts()
    {
        var second = Assembly("/t/B.Tests.dll", 3, "H:Four");

        var difference = DiscoveryComparer.FirstDifference([Reference], 0, [Reference, second], 1);

        Assert.Equal("worker 1 loaded 2 assemblies, worker 0 loaded 1", difference);
    }

    [Fact]
    public void FirstDifference_InSecondAssembly_NamesThatAssembly()
    {
        var second = Assembly("/t/B.Tests.dll", 3, "H:Four");
        var changed = Assembly("/t/B.Tests.dll", 3, "H:Five");

        var difference = DiscoveryComparer.FirstDifference([Reference, second], 0, [Reference, changed], 1);

        Assert.Contains("in B.Tests.dll at position 2", difference, StringComparison.Ordinal);
        Assert.Contains("'NS.H.Five'", difference, StringComparison.Ordinal);
    }
}
