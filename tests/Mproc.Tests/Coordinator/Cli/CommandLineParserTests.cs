using Mproc.Coordinator.Cli;
using Xunit;

namespace Mproc.Tests.Coordinator.Cli;

public sealed class CommandLineParserTests : IDisposable
{
    private readonly StringWriter _output = new();

    public void Dispose() => _output.Dispose();

    [Fact]
    public void Parse_OnlyAnAssembly_UsesDefaults()
    {
        var options = Succeed(["Tests.dll"], processorCount: 6);

        Assert.Equal(["Tests.dll"], options.Assemblies);
        Assert.Equal(6, options.Workers);
        Assert.Equal("auto", options.CoresText);
        Assert.False(options.DisableMproc);
        Assert.Null(options.Where);
        Assert.Equal(CommandLineParser.DefaultResultPath, options.ResultPath);
        Assert.Equal("TestResult.xml", options.ResultPath);
        Assert.Null(options.RandomSeed);
        Assert.False(options.Verbose);
        Assert.Empty(_output.ToString());
    }

    [Theory]
    [InlineData("--cores", "3", 4, 3)]
    [InlineData("-n", "5", 4, 5)]
    [InlineData("--cores", "auto*2", 3, 6)]
    [InlineData("--cores", "auto/2", 3, 2)]
    public void Parse_Cores_GivesWorkerCount(string option, string value, int processors, int expected)
    {
        var options = Succeed([option, value, "Tests.dll"], processors);

        Assert.Equal(expected, options.Workers);
        Assert.Equal(value, options.CoresText);
    }

    [Fact]
    public void Parse_InvalidCores_FailsListingTheValidForms()
    {
        var error = Fail(["--cores", "auto*0", "Tests.dll"]);

        Assert.Contains(CoresValue.ValidForms, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoResult_GivesNullResultPath()
    {
        Assert.Null(Succeed(["--no-result", "Tests.dll"]).ResultPath);
        Assert.Null(Succeed(["--result", "out.xml", "--no-result", "Tests.dll"]).ResultPath);
    }

    [Fact]
    public void Parse_Result_GivesThatPath()
    {
        Assert.Equal("out/r.xml", Succeed(["--result", "out/r.xml", "Tests.dll"]).ResultPath);
    }

    [Fact]
    public void Parse_DisableMproc_GivesOneWorker()
    {
        var options = Succeed(["--disable-mproc", "--cores", "8", "Tests.dll"], processorCount: 4);

        Assert.True(options.DisableMproc);
        Assert.Equal(1, options.Workers);
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("0", 0)]
    [InlineData("2147483647", int.MaxValue)]
    public void Parse_Seed_GivesThatSeed(string text, int expected)
    {
        Assert.Equal(expected, Succeed(["--seed", text, "Tests.dll"]).RandomSeed);
    }

    [Fact]
    public void Parse_NegativeSeedWithEquals_GivesThatSeed()
    {
        Assert.Equal(-7, Succeed(["--seed=-7", "Tests.dll"]).RandomSeed);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void Parse_InvalidSeed_Fails(string text)
    {
        var error = Fail(["--seed", text, "Tests.dll"]);

        Assert.Contains("--seed", error, StringComparison.Ordinal);
        Assert.Contains(text, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownOption_FailsNamingIt()
    {
        var error = Fail(["--frobnicate", "Tests.dll"]);

        Assert.Contains("--frobnicate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoAssembly_Fails()
    {
        var error = Fail(["--cores", "2"]);

        Assert.Contains("no test assembly", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoArguments_Fails()
    {
        Assert.NotNull(Fail([]));
    }

    [Fact]
    public void Parse_EmptyWhere_Fails()
    {
        var error = Fail(["--where", " ", "Tests.dll"]);

        Assert.Contains("--where", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Where_KeepsTheExpressionAndQuotesItInTheCommandLine()
    {
        var options = Succeed(["--where", "cat == Fast", "Tests.dll"]);

        Assert.Equal("cat == Fast", options.Where);
        Assert.Equal("--where \"cat == Fast\" Tests.dll", options.CommandLine);
    }

    [Fact]
    public void Parse_Verbose_IsSet()
    {
        Assert.True(Succeed(["-v", "Tests.dll"]).Verbose);
    }

    [Fact]
    public void Parse_SeveralAssemblies_KeepsThemInOrder()
    {
        var options = Succeed(["b/Second.dll", "a/First.dll", "--cores", "2", "c/Third.dll"]);

        Assert.Equal(["b/Second.dll", "a/First.dll", "c/Third.dll"], options.Assemblies);
    }

    [Fact]
    public void Parse_Help_PrintsEveryOptionAndIsInformational()
    {
        var outcome = new CommandLineParser().Parse(["--help"], 4, _output);

        Assert.True(outcome.IsInformational);
        Assert.Null(outcome.Options);
        Assert.Null(outcome.Error);
        var help = _output.ToString();
        foreach (var option in new[] { "--cores", "-n", "--disable-mproc", "--where", "--result", "--no-result", "--seed", "--verbose", "--exit-first", "--max-fail", "--last-failed", "--failed-first", "--looponfail", "--watch" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }

        Assert.Contains("N|auto|auto*K|auto/K", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "Tests.dll" }, 0)]
    [InlineData(new[] { "-x", "Tests.dll" }, 1)]
    [InlineData(new[] { "--exit-first", "Tests.dll" }, 1)]
    [InlineData(new[] { "--max-fail", "3", "Tests.dll" }, 3)]
    [InlineData(new[] { "--max-fail", "3", "-x", "Tests.dll" }, 1)]
    public void Parse_ExitFirstAndMaxFail_GiveTheFailureLimit(string[] args, int expected) =>
        Assert.Equal(expected, Succeed(args).MaxFail);

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    public void Parse_InvalidMaxFail_Fails(string text) =>
        Assert.Contains("invalid --max-fail value", Fail(["--max-fail", text, "Tests.dll"]), StringComparison.Ordinal);

    [Fact]
    public void Parse_LastFailedFailedFirstAndWatch_AndTheirShortNames_AreSet()
    {
        var longNames = Succeed(["--last-failed", "--failed-first", "--looponfail", "Tests.dll"]);
        var shortNames = Succeed(["--lf", "--ff", "--watch", "Tests.dll"]);

        Assert.True(longNames.LastFailed && longNames.FailedFirst && longNames.Watch);
        Assert.True(shortNames.LastFailed && shortNames.FailedFirst && shortNames.Watch);
        Assert.False(Succeed(["Tests.dll"]).Watch);
    }

    private MprocOptions Succeed(string[] args, int processorCount = 4)
    {
        var outcome = new CommandLineParser().Parse(args, processorCount, _output);
        Assert.Null(outcome.Error);
        Assert.False(outcome.IsInformational);
        return outcome.Options!;
    }

    private string Fail(string[] args)
    {
        var outcome = new CommandLineParser().Parse(args, 4, _output);
        Assert.Null(outcome.Options);
        Assert.NotNull(outcome.Error);
        return outcome.Error;
    }
}
