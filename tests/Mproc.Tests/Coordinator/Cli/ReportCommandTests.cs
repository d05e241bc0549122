using Mproc.Coordinator.Cli;
using Mproc.Coordinator.Distributed;
using Mproc.Coordinator.Input;
using Mproc.Tests.Infrastructure;
using Xunit;
using static Mproc.Tests.Coordinator.Cli.QueueOptionsTests;

namespace Mproc.Tests.Coordinator.Cli;

public sealed class ReportCommandTests
{
    private static readonly CiEnvironment NoCi = Ci([]);

    [Fact]
    public void Parse_Report_GivesTheReportOptionsWithDefaults()
    {
        var outcome = Parse(NoCi, MprocSettings.Empty, "report", "--queue", "rediss://h", "--build-id", "b");

        Assert.Null(outcome.Options);
        Assert.Null(outcome.Error);
        Assert.False(outcome.IsInformational);
        var report = outcome.Report!;
        Assert.Equal(new QueueSettings(new QueueAddress("h", 6379, true, null, null, 0), "b", "report", new QueueOptions()), report.Queue);
        Assert.Equal(CommandLineParser.DefaultResultPath, report.ResultPath);
        Assert.Null(report.JUnitPath);
        Assert.Null(report.TrxPath);
        Assert.False(report.NoCiOutput);
        Assert.Equal(TimeSpan.FromSeconds(120), report.InactiveTimeout);
        Assert.Null(report.ReportTimeout);
        Assert.Equal("report --queue rediss://h --build-id b", report.CommandLine);
        Assert.Empty(report.Notices);
    }

    [Fact]
    public void Parse_ReportWithEveryOption_GivesThem()
    {
        var report = Succeed(NoCi, MprocSettings.Empty, "report", "--queue", "redis://h", "--build-id", "b", "--result", "r.xml", "--junit", "j.xml", "--trx", "t.trx", "--no-ci-output", "--inactive-timeout", "2.5", "--report-timeout", "600");

        Assert.Equal(("r.xml", "j.xml", "t.trx", true), (report.ResultPath, report.JUnitPath, report.TrxPath, report.NoCiOutput));
        Assert.Equal((TimeSpan.FromSeconds(2.5), (TimeSpan?)TimeSpan.FromMinutes(10)), (report.InactiveTimeout, report.ReportTimeout));
        Assert.Null(Succeed(NoCi, MprocSettings.Empty, "report", "--queue", "redis://h", "--build-id", "b", "--no-result").ResultPath);
    }

    [Fact]
    public void Parse_Report_TakesTheBuildIdFromCi()
    {
        var github = Succeed(Ci(new() { ["GITHUB_RUN_ID"] = "55", ["GITHUB_RUN_ATTEMPT"] = "2" }), MprocSettings.Empty, "report", "--queue", "redis://h").Queue;
        Assert.Equal(("55", 2), (github.BuildId, github.Attempt));
        Assert.Equal(3, Succeed(NoCi, MprocSettings.Empty, "report", "--queue", "redis://h", "--build-id", "b", "--attempt", "3").Queue.Attempt);
        Assert.Equal("az", Succeed(Ci(new() { ["BUILD_BUILDID"] = "az", ["CI_NODE_INDEX"] = "2" }), MprocSettings.Empty, "report", "--queue", "redis://h").Queue.BuildId);
    }

    [Fact]
    public void Parse_Report_ReadsConfiguration_CommandLineWinsOverEnvironmentOverFile()
    {
        var settings = Settings(
            file: new() { ["queue"] = "redis://file-host", ["buildId"] = "file-build", ["junit"] = "file.xml", ["inactiveTimeout"] = "30", ["reportTimeout"] = "90" },
            environment: new() { ["QUEUE"] = "redis://:pw@environment-host", ["REPORT_TIMEOUT"] = "60", ["NO_CI_OUTPUT"] = "true" });

        var configured = Succeed(NoCi, settings, "report");
        Assert.Equal(("environment-host", "pw", "file-build", "file.xml", true), (configured.Queue.Address.Host, configured.Queue.Address.Password, configured.Queue.BuildId, configured.JUnitPath, configured.NoCiOutput));
        Assert.Equal((TimeSpan.FromSeconds(30), (TimeSpan?)TimeSpan.FromSeconds(60)), (configured.InactiveTimeout, configured.ReportTimeout));
        Assert.Empty(configured.Notices);

        var given = Succeed(NoCi, settings, "report", "--queue", "redis://line-host", "--report-timeout", "5");
        Assert.Equal(("line-host", (TimeSpan?)TimeSpan.FromSeconds(5)), (given.Queue.Address.Host, given.ReportTimeout));
    }

    [Fact]
    public void Parse_Report_AsksForTheConfigurationOfTheWorkingDirectory()
    {
        string? asked = "not asked";
        using var output = new StringWriter();
        new CommandLineParser(NoCi).Parse(["report", "--queue", "redis://h", "--build-id", "b"], 2, output, first =>
        {
            asked = first;
            return MprocSettings.Empty;
        });

        Assert.Null(asked);
    }

    [Fact]
    public void Parse_ReportWithAPasswordOnTheCommandLine_WarnsAndLeavesItOutOfTheCommandLine()
    {
        var report = Succeed(NoCi, MprocSettings.Empty, "report", "--queue", "redis://u:s3cret@h", "--build-id", "b");

        Assert.Contains("MPROC_QUEUE", Assert.Single(report.Notices), StringComparison.Ordinal);
        Assert.Equal("s3cret", report.Queue.Address.Password);
        Assert.DoesNotContain("s3cret", report.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReportWithoutQueue_IsAnError() =>
        Assert.Equal("report needs --queue (or MPROC_QUEUE), the queue the build's machines share", Fail(NoCi, MprocSettings.Empty, "report", "--build-id", "b"));

    [Fact]
    public void Parse_ReportWithoutBuildId_IsAnError() =>
        Assert.StartsWith("--queue needs the id of the build every machine shares", Fail(NoCi, MprocSettings.Empty, "report", "--queue", "redis://h"), StringComparison.Ordinal);

    [Theory]
    [InlineData("--queue", "redis://h", "--build-id", "a{b")]
    [InlineData("--queue", "http://h", "--build-id", "b")]
    [InlineData("--inactive-timeout", "0", "--queue", "redis://h")]
    [InlineData("--report-timeout", "-5", "--queue", "redis://h")]
    [InlineData("--queue", "redis://h", "Tests.dll", "--build-id")]
    [InlineData("--node-id", "n", "--queue", "redis://h")]
    [InlineData("--cores", "2", "--queue", "redis://h")]
    public void Parse_ReportWithABadOption_IsAnError(string first, string second, string third, string fourth) =>
        Fail(Ci(new() { ["GITHUB_RUN_ID"] = "1" }), MprocSettings.Empty, "report", first, second, third, fourth);

    [Theory]
    [InlineData("--inactive-timeout", "invalid --inactive-timeout value '0'; expected a positive number of seconds, e.g. 120 or 2.5")]
    [InlineData("--report-timeout", "invalid --report-timeout value '0'; expected a positive number of seconds")]
    public void Parse_ReportWithAZeroTimeout_SaysWhatItExpects(string option, string expected) =>
        Assert.StartsWith(expected, Fail(NoCi, MprocSettings.Empty, "report", "--queue", "redis://h", "--build-id", "b", option, "0"), StringComparison.Ordinal);

    [Fact]
    public void Parse_ReportNotFirst_IsAnInputPath()
    {
        using var output = new StringWriter();
        var options = new CommandLineParser(NoCi).Parse(["report.dll"], 2, output).Options!;
        Assert.Equal(["report.dll"], options.Assemblies);
        Assert.Equal(["Tests.dll", "report"], new CommandLineParser(NoCi).Parse(["Tests.dll", "report"], 2, output).Options!.Assemblies);
    }

    [Fact]
    public void Parse_ReportHelp_PrintsTheReportsOptionsOnly()
    {
        using var output = new StringWriter();
        var outcome = new CommandLineParser(NoCi).Parse(["report", "--help"], 2, output);

        Assert.True(outcome.IsInformational);
        var help = output.ToString();
        foreach (var option in new[] { " report [options]", "--queue <URL>", "--build-id <ID>", "--result <FILE>", "--no-result", "--junit <FILE>", "--trx <FILE>", "--no-ci-output", "--inactive-timeout <SECONDS>", "--report-timeout <SECONDS>" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("--cores", help, StringComparison.Ordinal);
        Assert.DoesNotContain("--lease-time", help, StringComparison.Ordinal);
        Assert.DoesNotContain("<assemblies>", help, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputPaths_ForTheReport_FindsAResultPathThatIsAFolder()
    {
        var folder = TestTemp.CreateDirectory("report-out-").FullName;
        try
        {
            var report = Succeed(NoCi, MprocSettings.Empty, "report", "--queue", "redis://h", "--build-id", "b", "--result", Path.Combine(folder, "r.xml"));
            Assert.Null(OutputPaths.Check(report));
            Assert.StartsWith("cannot write the JUnit result file", OutputPaths.Check(report with { JUnitPath = folder }), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ParseOutcome Parse(CiEnvironment environment, MprocSettings settings, params string[] args)
    {
        using var output = new StringWriter();
        return new CommandLineParser(environment).Parse(args, 2, output, _ => settings);
    }

    private static ReportOptions Succeed(CiEnvironment environment, MprocSettings settings, params string[] args)
    {
        var outcome = Parse(environment, settings, args);
        Assert.True(outcome.Report is not null, outcome.Error);
        Assert.Null(outcome.Options);
        return outcome.Report;
    }

    private static string Fail(CiEnvironment environment, MprocSettings settings, params string[] args)
    {
        var outcome = Parse(environment, settings, args);
        Assert.Null(outcome.Report);
        Assert.Null(outcome.Options);
        Assert.NotNull(outcome.Error);
        return outcome.Error;
    }
}
