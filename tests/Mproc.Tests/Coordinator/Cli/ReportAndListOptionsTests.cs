using Mproc.Coordinator.Cli;
using Xunit;

namespace Mproc.Tests.Coordinator.Cli;

public sealed class ReportAndListOptionsTests
{
    [Fact]
    public void Parse_JUnitAndTrx_GivesTheirPaths()
    {
        var options = Succeed("--junit", "out/junit.xml", "--trx", "run.trx", "Tests.dll");

        Assert.Equal("out/junit.xml", options.JUnitPath);
        Assert.Equal("run.trx", options.TrxPath);
        Assert.False(options.ListOnly);
    }

    [Fact]
    public void Parse_Defaults_WriteNeitherJUnitNorTrx()
    {
        var options = Succeed("Tests.dll");

        Assert.Null(options.JUnitPath);
        Assert.Null(options.TrxPath);
        Assert.False(options.ListOnly);
    }

    [Theory]
    [InlineData("--list")]
    [InlineData("--explore")]
    public void Parse_ListOrExplore_SetsListOnly(string option) =>
        Assert.True(Succeed(option, "Tests.dll").ListOnly);

    [Fact]
    public void Parse_JUnitWithoutFile_IsAnError()
    {
        using var output = new StringWriter();
        var outcome = new CommandLineParser().Parse(["Tests.dll", "--junit"], 2, output);

        Assert.NotNull(outcome.Error);
    }

    private static MprocOptions Succeed(params string[] args)
    {
        using var output = new StringWriter();
        var outcome = new CommandLineParser().Parse(args, 2, output);
        Assert.True(outcome.Options is not null, outcome.Error);
        return outcome.Options;
    }
}
