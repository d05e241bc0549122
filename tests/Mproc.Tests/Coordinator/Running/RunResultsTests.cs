using Mproc.Coordinator.Running;
using Xunit;
using static Mproc.Tests.Coordinator.Running.Discoveries;

namespace Mproc.Tests.Coordinator.Running;

public sealed class RunResultsTests
{
    [Fact]
    public void Constructor_OneAssembly_BuildsTheTreeInNodeOrder()
    {
        var results = new RunResults([Assembly("/t/A.dll", 0, "F:One,Two", "G:Three")]);

        var assembly = Assert.Single(results.Assemblies);
        Assert.Equal("/t/A.dll", assembly.Path);
        Assert.Equal("4.4.0", assembly.FrameworkVersion);
        Assert.Equal("Assembly", assembly.Root.Node.TestType);
        Assert.Equal(["NS.F", "NS.G"], assembly.Root.Children.Select(c => c.Node.FullName));
        Assert.Equal(["NS.F.One", "NS.F.Two"], assembly.Root.Children[0].Children.Select(c => c.Node.FullName));
        Assert.Equal(3, results.TestCount);
        Assert.Equal("NS.G.Three", results.Test(2).Node.FullName);
        Assert.Same(assembly.Root.Children[1], results.Test(2).Parent);
        Assert.All(Enumerable.Range(0, 3), o => Assert.Null(results.Test(o).Outcome));
    }

    [Fact]
    public void Constructor_TwoAssemblies_OrdinalsContinueIntoTheSecond()
    {
        var results = new RunResults([Assembly("/t/A.dll", 0, "F:One,Two"), Assembly("/t/B.dll", 2, "H:Three,Four")]);

        Assert.Equal(2, results.Assemblies.Count);
        Assert.Equal(4, results.TestCount);
        Assert.Equal("NS.H.Three", results.Test(2).Node.FullName);
        Assert.Same(results.Assemblies[1].Root, results.Test(3).Parent!.Parent);
        Assert.Same(results.Assemblies[0].Root, results.Test(1).Parent!.Parent);
    }

    [Fact]
    public void RecordTest_FirstResult_IsKeptAndCounted()
    {
        var results = new RunResults([Assembly("/t/A.dll", 0, "F:One,Two,Three")]);

        Assert.True(results.RecordTest(2, 1, Outcome("Failed")));
        Assert.True(results.RecordTest(1, 0, Outcome("Passed")));

        Assert.Equal("Failed", results.Test(1).Outcome!.Status);
        Assert.Equal(2, results.Test(1).WorkerId);
        Assert.Equal(2, results.FinishedCount);
        Assert.Equal(1, results.FailedCount);
    }

    [Fact]
    public void RecordTest_Duplicate_ReturnsFalseAndKeepsTheFirst()
    {
        var results = new RunResults([Assembly("/t/A.dll", 0, "F:One")]);
        results.RecordTest(0, 0, Outcome("Passed"));

        Assert.False(results.RecordTest(1, 0, Outcome("Failed")));

        Assert.Equal("Passed", results.Test(0).Outcome!.Status);
        Assert.Equal(0, results.Test(0).WorkerId);
        Assert.Equal(1, results.FinishedCount);
        Assert.Equal(0, results.FailedCount);
    }

    [Fact]
    public void RecordSuite_SeveralWorkers_KeepsTheMostSevere()
    {
        var results = new RunResults([Assembly("/t/A.dll", 0, "F:One")]);
        var fixture = results.Assemblies[0].Root.Children[0];

        results.RecordSuite(1, Outcome("Passed"));
        Assert.Equal("Passed", fixture.Outcome!.Status);

        results.RecordSuite(1, Outcome("Failed", "Child"));
        Assert.Equal(("Failed", "Child"), (fixture.Outcome!.Status, fixture.Outcome.Site));

        results.RecordSuite(1, Outcome("Failed", "SetUp"));
        Assert.Equal(("Failed", "SetUp"), (fixture.Outcome!.Status, fixture.Outcome.Site));

        results.RecordSuite(1, Outcome("Failed", "Child"));
        results.RecordSuite(1, Outcome("Passed"));
        Assert.Equal(("Failed", "SetUp"), (fixture.Outcome!.Status, fixture.Outcome.Site));
    }

    [Theory]
    [InlineData("Warning", "Skipped")]
    [InlineData("Failed", "Warning")]
    [InlineData("Inconclusive", "Passed")]
    [InlineData("Skipped", "Passed")]
    public void RecordSuite_LessSevereAfterMoreSevere_KeepsTheMoreSevere(string severe, string milder)
    {
        var results = new RunResults([Assembly("/t/A.dll", 0, "F:One")]);

        results.RecordSuite(1, Outcome(milder));
        results.RecordSuite(1, Outcome(severe));
        results.RecordSuite(1, Outcome(milder));

        Assert.Equal(severe, results.Assemblies[0].Root.Children[0].Outcome!.Status);
    }

    [Fact]
    public void RecordSuite_SecondAssembly_UsesTheFlattenedNodeIndex()
    {
        var results = new RunResults([Assembly("/t/A.dll", 0, "F:One"), Assembly("/t/B.dll", 1, "H:Two")]);

        results.RecordSuite(4, Outcome("Failed", "TearDown"));
        results.RecordSuite(3, Outcome("Failed", "SetUp"));

        Assert.Equal("TearDown", results.Assemblies[1].Root.Children[0].Outcome!.Site);
        Assert.Equal("SetUp", results.Assemblies[1].Root.Outcome!.Site);
        Assert.Null(results.Assemblies[0].Root.Outcome);
        Assert.Null(results.Assemblies[0].Root.Children[0].Outcome);
    }

    [Fact]
    public void IsValidSuite_TestsAndOutOfRange_AreNot()
    {
        var results = new RunResults([Assembly("/t/A.dll", 0, "F:One")]);

        Assert.True(results.IsValidSuite(0));
        Assert.True(results.IsValidSuite(1));
        Assert.False(results.IsValidSuite(2));
        Assert.False(results.IsValidSuite(3));
        Assert.False(results.IsValidSuite(-1));
        Assert.True(results.IsValidTest(0));
        Assert.False(results.IsValidTest(1));
        Assert.False(results.IsValidTest(-1));
    }

    [Fact]
    public void Unfinished_SomeResults_ListsTheOthersInOrdinalOrder()
    {
        var results = new RunResults([Assembly("/t/A.dll", 0, "F:One,Two"), Assembly("/t/B.dll", 2, "H:Three,Four")]);
        results.RecordTest(0, 1, Outcome("Passed"));
        results.RecordTest(0, 2, Outcome("Failed"));

        Assert.Equal([0, 3], results.Unfinished());
    }
}
