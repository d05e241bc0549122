using Mproc.Coordinator.Running;
using Mproc.Protocol.Messages;
using Xunit;

namespace Mproc.Tests.Coordinator.Running;

public sealed class TestListerTests
{
    [Fact]
    public void TestNames_AreTheTestCasesOfEveryAssemblyInOrdinalOrder()
    {
        var first = new AssemblyDiscovery("/a/A.dll", "4.4", null, [Node(-1, "A"), Node(1, "A.Second"), Node(0, "A.First")]);
        var second = new AssemblyDiscovery("/b/B.dll", "4.4", null, [Node(-1, "B"), Node(-1, "B.Fixture"), Node(2, "B.Fixture.Third")]);

        Assert.Equal(["A.First", "A.Second", "B.Fixture.Third"], TestLister.TestNames([first, second]));
    }

    private static TestNode Node(int ordinal, string fullName) =>
        new(-1, ordinal, "id-" + fullName, ordinal >= 0 ? "TestMethod" : "TestSuite", fullName, fullName, null, null, "Runnable", 0, []);
}
