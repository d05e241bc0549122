using Microsoft.Extensions.Configuration;
using Mproc.Coordinator.Cli;
using Mproc.Coordinator.Distributed;
using Xunit;

namespace Mproc.Tests.Coordinator.Cli;

public sealed class QueueOptionsTests
{
    private const string Queue = "redis://queue.example:6380/2";

    private static readonly CiEnvironment NoCi = Ci([]);

    [Fact]
    public void Parse_NoQueue_RunsOnThisMachineAlone()
    {
        Assert.Null(Succeed(Ci(new() { ["GITHUB_RUN_ID"] = "7" }), MprocSettings.Empty, "Tests.dll").Queue);
    }

    [Fact]
    public void Parse_QueueAndBuildId_GiveTheSettingsWithDefaultLeases()
    {
        var queue = Succeed(NoCi, MprocSettings.Empty, "--queue", Queue, "--build-id", "b-1", "Tests.dll").Queue!;

        Assert.Equal(new QueueAddress("queue.example", 6380, false, null, null, 2), queue.Address);
        Assert.Equal("b-1", queue.BuildId);
        Assert.Equal("host-42", queue.NodeId);
        Assert.Equal(new QueueOptions(), queue.Options);
        Assert.Equal(TimeSpan.FromSeconds(30), queue.Options.LeaseTime);
        Assert.Equal(2, queue.Options.MaxLost);
        Assert.Equal(TimeSpan.FromHours(24), queue.Options.KeyLifetime);
    }

    [Fact]
    public void Parse_LeaseOptions_FillTheQueueOptions()
    {
        var queue = Succeed(NoCi, MprocSettings.Empty, "--queue", Queue, "--build-id", "b", "--node-id", "n1", "--lease-time", "1.5", "--max-lost", "5", "--queue-ttl", "0.5", "Tests.dll").Queue!;

        Assert.Equal("n1", queue.NodeId);
        Assert.Equal(TimeSpan.FromSeconds(1.5), queue.Options.LeaseTime);
        Assert.Equal(5, queue.Options.MaxLost);
        Assert.Equal(TimeSpan.FromMinutes(30), queue.Options.KeyLifetime);
    }

    [Theory]
    [InlineData("GITHUB_RUN_ID", "GITHUB_RUN_ID")]
    [InlineData("CI_PIPELINE_ID", "CI_PIPELINE_ID")]
    [InlineData("BUILDKITE_BUILD_ID", "BUILDKITE_BUILD_ID")]
    [InlineData("CIRCLE_WORKFLOW_ID", "CIRCLE_WORKFLOW_ID")]
    [InlineData("BUILD_BUILDID", "BUILD_BUILDID")]
    public void Parse_NoBuildId_TakesTheCiRunsId(string variable, string expected)
    {
        var queue = Succeed(Ci(new() { [variable] = expected + "-value" }), MprocSettings.Empty, "--queue", Queue, "Tests.dll").Queue!;

        Assert.Equal(expected + "-value", queue.BuildId);
    }

    [Fact]
    public void Parse_NoBuildId_TakesTheFirstCiVariableInOrder_AndNotTheAttempt()
    {
        var all = new Dictionary<string, string?> { ["CI_PIPELINE_ID"] = "gitlab", ["BUILDKITE_BUILD_ID"] = "bk", ["CIRCLE_WORKFLOW_ID"] = "circle", ["BUILD_BUILDID"] = "azure" };
        Assert.Equal("gitlab", BuildId(all));

        all["GITHUB_RUN_ID"] = "123";
        Assert.Equal("123", BuildId(all));

        // A re-run keeps the run's id: it is the same build, at a later attempt.
        all["GITHUB_RUN_ATTEMPT"] = "2";
        Assert.Equal("123", BuildId(all));

        all.Remove("GITHUB_RUN_ID");
        all["CI_PIPELINE_ID"] = string.Empty;
        Assert.Equal("bk", BuildId(all));

        static string BuildId(Dictionary<string, string?> environment) =>
            Succeed(Ci(environment), MprocSettings.Empty, "--queue", Queue, "Tests.dll").Queue!.BuildId;
    }

    [Fact]
    public void Parse_NoAttempt_IsOne()
    {
        Assert.Equal(1, Succeed(NoCi, MprocSettings.Empty, "--queue", Queue, "--build-id", "b", "Tests.dll").Queue!.Attempt);
        Assert.Equal(1, Succeed(Ci(new() { ["GITHUB_RUN_ID"] = "7", ["CI_PIPELINE_ID"] = "8" }), MprocSettings.Empty, "--queue", Queue, "Tests.dll").Queue!.Attempt);
    }

    [Theory]
    [InlineData("GITHUB_RUN_ATTEMPT", "1", 1)]
    [InlineData("GITHUB_RUN_ATTEMPT", "3", 3)]
    [InlineData("SYSTEM_JOBATTEMPT", "2", 2)]
    [InlineData("BUILDKITE_RETRY_COUNT", "0", 1)]
    [InlineData("BUILDKITE_RETRY_COUNT", "2", 3)]
    [InlineData("CI_JOB_RETRY_COUNT", "0", 1)]
    [InlineData("CI_JOB_RETRY_COUNT", "1", 2)]
    public void Parse_NoAttempt_TakesTheCiRunsAttempt(string variable, string value, int expected)
    {
        var queue = Succeed(Ci(new() { [variable] = value }), MprocSettings.Empty, "--queue", Queue, "--build-id", "b", "Tests.dll").Queue!;

        Assert.Equal(expected, queue.Attempt);
        Assert.Equal("b", queue.BuildId);
    }

    [Fact]
    public void Parse_AttemptOption_WinsOverConfigurationAndCi()
    {
        var ci = Ci(new() { ["GITHUB_RUN_ATTEMPT"] = "2", ["BUILDKITE_RETRY_COUNT"] = "5" });
        Assert.Equal(2, Succeed(ci, MprocSettings.Empty, "--queue", Queue, "--build-id", "b", "Tests.dll").Queue!.Attempt);
        Assert.Equal(4, Succeed(ci, Settings(new() { ["attempt"] = "4" }, []), "--queue", Queue, "--build-id", "b", "Tests.dll").Queue!.Attempt);
        Assert.Equal(5, Succeed(ci, Settings(new() { ["attempt"] = "4" }, new() { ["ATTEMPT"] = "5" }), "--queue", Queue, "--build-id", "b", "Tests.dll").Queue!.Attempt);
        Assert.Equal(7, Succeed(ci, Settings(new() { ["attempt"] = "4" }, []), "--queue", Queue, "--build-id", "b", "--attempt", "7", "Tests.dll").Queue!.Attempt);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    public void Parse_InvalidAttempt_IsAnError(string value) =>
        Assert.StartsWith($"invalid --attempt value '{value}'; expected a positive whole number", Fail(NoCi, MprocSettings.Empty, "--queue", Queue, "--build-id", "b", "--attempt", value, "Tests.dll"), StringComparison.Ordinal);

    [Theory]
    [InlineData("GITHUB_RUN_ATTEMPT", "0")]
    [InlineData("SYSTEM_JOBATTEMPT", "x")]
    [InlineData("BUILDKITE_RETRY_COUNT", "-1")]
    public void Parse_InvalidCiAttempt_IsAnErrorNamingTheVariable(string variable, string value) =>
        Assert.Equal($"invalid attempt '{value}' (from {variable}); expected a whole number (give --attempt or MPROC_ATTEMPT instead)",
            Fail(Ci(new() { [variable] = value }), MprocSettings.Empty, "--queue", Queue, "--build-id", "b", "Tests.dll"));

    [Fact]
    public void Parse_BuildIdOption_WinsOverTheCiRunsId()
    {
        var queue = Succeed(Ci(new() { ["GITHUB_RUN_ID"] = "7" }), MprocSettings.Empty, "--queue", Queue, "--build-id", "mine", "Tests.dll").Queue!;

        Assert.Equal("mine", queue.BuildId);
    }

    [Theory]
    [InlineData("CI_NODE_INDEX", "3")]
    [InlineData("BUILDKITE_PARALLEL_JOB", "0")]
    [InlineData("CIRCLE_NODE_INDEX", "4")]
    [InlineData("SYSTEM_JOBPOSITIONINPHASE", "2")]
    public void Parse_NoNodeId_TakesTheCiJobsIndex(string variable, string index)
    {
        var queue = Succeed(Ci(new() { [variable] = index }), MprocSettings.Empty, "--queue", Queue, "--build-id", "b", "Tests.dll").Queue!;

        Assert.Equal("node-" + index, queue.NodeId);
    }

    [Fact]
    public void Parse_NoNodeIdOutsideAParallelCiJob_TakesHostAndProcess()
    {
        Assert.Equal("host-42", Succeed(NoCi, MprocSettings.Empty, "--queue", Queue, "--build-id", "b", "Tests.dll").Queue!.NodeId);
        Assert.Equal("n", Succeed(Ci(new() { ["CI_NODE_INDEX"] = "1" }), MprocSettings.Empty, "--queue", Queue, "--build-id", "b", "--node-id", "n", "Tests.dll").Queue!.NodeId);
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", CiEnvironment.Current.NodeId().Value);
    }

    [Fact]
    public void Parse_QueueSettingsInConfiguration_CommandLineWinsOverEnvironmentOverFile()
    {
        var settings = Settings(
            file: new() { ["queue"] = "redis://file-host", ["buildId"] = "file-build", ["nodeId"] = "file-node", ["leaseTime"] = "10", ["maxLost"] = "3", ["queueTtl"] = "5" },
            environment: new() { ["QUEUE"] = "redis://environment-host", ["BUILD_ID"] = "environment-build", ["LEASE_TIME"] = "20" });

        var configured = Succeed(Ci(new() { ["GITHUB_RUN_ID"] = "ci" }), settings, "Tests.dll").Queue!;
        Assert.Equal(("environment-host", "environment-build", "file-node"), (configured.Address.Host, configured.BuildId, configured.NodeId));
        Assert.Equal((TimeSpan.FromSeconds(20), 3, TimeSpan.FromHours(5)), (configured.Options.LeaseTime, configured.Options.MaxLost, configured.Options.KeyLifetime));

        var given = Succeed(NoCi, settings, "--queue", "redis://line-host", "--build-id", "line-build", "--lease-time", "40", "--max-lost", "1", "Tests.dll").Queue!;
        Assert.Equal(("line-host", "line-build", "file-node"), (given.Address.Host, given.BuildId, given.NodeId));
        Assert.Equal((TimeSpan.FromSeconds(40), 1), (given.Options.LeaseTime, given.Options.MaxLost));
    }

    [Fact]
    public void Parse_QueueOnlyInTheEnvironment_IsUsed_WithoutAWarning()
    {
        var options = Succeed(NoCi, Settings([], new() { ["QUEUE"] = "redis://:secret@h", ["BUILD_ID"] = "b" }), "Tests.dll");

        Assert.Equal("secret", options.Queue!.Address.Password);
        Assert.Empty(options.Notices);
    }

    [Fact]
    public void Parse_LeaseOptionsConfiguredWithoutAQueue_AreUnused()
    {
        var options = Succeed(NoCi, Settings(new() { ["leaseTime"] = "60", ["buildId"] = "b", ["maxLost"] = "nonsense" }, []), "Tests.dll");

        Assert.Null(options.Queue);
    }

    [Fact]
    public void Parse_PasswordOnTheCommandLine_WarnsAndRuns_AndTheCommandLineLeavesItOut()
    {
        var options = Succeed(NoCi, MprocSettings.Empty, "--queue", "redis://user:s3cret@h:1", "--build-id", "b", "Tests.dll");

        Assert.Equal("s3cret", options.Queue!.Address.Password);
        var notice = Assert.Single(options.Notices);
        Assert.Contains("MPROC_QUEUE", notice, StringComparison.Ordinal);
        Assert.Contains("command line", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", options.CommandLine, StringComparison.Ordinal);
        Assert.Contains("redis://user:***@h:1", options.CommandLine, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", Succeed(NoCi, MprocSettings.Empty, "--queue=redis://:s3cret@h", "--build-id", "b", "Tests.dll").CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QueueWithoutPassword_NoWarning()
    {
        var options = Succeed(NoCi, MprocSettings.Empty, "--queue", "redis://user@h", "--build-id", "b", "Tests.dll");

        Assert.Empty(options.Notices);
        Assert.Contains("redis://user@h", options.CommandLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://h")]
    [InlineData("redis://h/x")]
    [InlineData("h:6379")]
    public void Parse_InvalidQueue_IsAnError(string url) =>
        Assert.StartsWith("invalid --queue value: ", Fail(NoCi, MprocSettings.Empty, "--queue", url, "--build-id", "b", "Tests.dll"), StringComparison.Ordinal);

    [Fact]
    public void Parse_InvalidQueueWithAPassword_DoesNotRepeatIt()
    {
        var error = Fail(NoCi, MprocSettings.Empty, "--queue", "http://u:s3cret@h", "--build-id", "b", "Tests.dll");

        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidQueueInTheEnvironment_NamesTheVariable() =>
        Assert.Contains("MPROC_QUEUE", Fail(NoCi, Settings([], new() { ["QUEUE"] = "nope" }), "--build-id", "b", "Tests.dll"), StringComparison.Ordinal);

    [Fact]
    public void Parse_QueueWithoutAnyBuildId_IsAnErrorNamingTheCiVariables()
    {
        var error = Fail(NoCi, MprocSettings.Empty, "--queue", Queue, "Tests.dll");

        Assert.StartsWith("--queue needs the id of the build every machine shares: give --build-id", error, StringComparison.Ordinal);
        Assert.Contains("GITHUB_RUN_ID", error, StringComparison.Ordinal);
        Assert.Contains("BUILD_BUILDID", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a{b", "may not hold '{' or '}'")]
    [InlineData("a}b", "may not hold '{' or '}'")]
    [InlineData("", "--build-id is empty")]
    [InlineData("  ", "--build-id is empty")]
    [InlineData("a\nb", "--build-id may not hold control characters")]
    public void Parse_InvalidBuildId_IsAnError(string buildId, string expected) =>
        Assert.Contains(expected, Fail(NoCi, MprocSettings.Empty, "--queue", Queue, "--build-id", buildId, "Tests.dll"), StringComparison.Ordinal);

    [Fact]
    public void Parse_BuildIdLength_IsLimited()
    {
        Assert.Equal(200, Succeed(NoCi, MprocSettings.Empty, "--queue", Queue, "--build-id", new string('b', 200), "Tests.dll").Queue!.BuildId.Length);
        Assert.Contains("--build-id is 201 characters long; at most 200", Fail(NoCi, MprocSettings.Empty, "--queue", Queue, "--build-id", new string('b', 201), "Tests.dll"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidBuildIdFromCi_NamesTheVariable() =>
        Assert.Contains("(from CI_PIPELINE_ID)", Fail(Ci(new() { ["CI_PIPELINE_ID"] = "{x}" }), MprocSettings.Empty, "--queue", Queue, "Tests.dll"), StringComparison.Ordinal);

    [Theory]
    [InlineData("a{b")]
    [InlineData("a\tb")]
    [InlineData("")]
    public void Parse_InvalidNodeId_IsAnError(string nodeId) =>
        Assert.Contains("--node-id", Fail(NoCi, MprocSettings.Empty, "--queue", Queue, "--build-id", "b", "--node-id", nodeId, "Tests.dll"), StringComparison.Ordinal);

    [Theory]
    [InlineData("--lease-time", "0", "invalid --lease-time value '0'; expected a positive number of seconds")]
    [InlineData("--lease-time", "-1", "invalid --lease-time value")]
    [InlineData("--lease-time", "NaN", "invalid --lease-time value")]
    [InlineData("--lease-time", "soon", "invalid --lease-time value")]
    [InlineData("--max-lost", "0", "invalid --max-lost value '0'; expected a positive whole number")]
    [InlineData("--max-lost", "1.5", "invalid --max-lost value")]
    [InlineData("--queue-ttl", "0", "invalid --queue-ttl value '0'; expected a positive number of hours")]
    [InlineData("--queue-ttl", "1e300", "invalid --queue-ttl value")]
    public void Parse_InvalidLeaseOption_IsAnError(string option, string value, string expected) =>
        Assert.StartsWith(expected, Fail(NoCi, MprocSettings.Empty, "--queue", Queue, "--build-id", "b", option, value, "Tests.dll"), StringComparison.Ordinal);

    [Fact]
    public void Parse_InvalidLeaseOptionInTheFile_NamesTheKey() =>
        Assert.Contains("\"maxLost\" in /w/mproc.json", Fail(NoCi, Settings(new() { ["maxLost"] = "0" }, []), "--queue", Queue, "--build-id", "b", "Tests.dll"), StringComparison.Ordinal);

    [Theory]
    [InlineData("--build-id", "b")]
    [InlineData("--attempt", "2")]
    [InlineData("--node-id", "n")]
    [InlineData("--lease-time", "5")]
    [InlineData("--max-lost", "3")]
    [InlineData("--queue-ttl", "1")]
    public void Parse_QueueOptionWithoutAQueue_IsAnError(string option, string value) =>
        Assert.Equal($"{option} needs --queue (or MPROC_QUEUE)", Fail(NoCi, MprocSettings.Empty, option, value, "Tests.dll"));

    [Theory]
    [InlineData("--disable-mproc", "--disable-mproc")]
    [InlineData("--looponfail", "--looponfail (--watch)")]
    [InlineData("--watch", "--looponfail (--watch)")]
    [InlineData("--list", "--list (--explore)")]
    [InlineData("--explore", "--list (--explore)")]
    [InlineData("--last-failed", "--last-failed (--lf)")]
    [InlineData("--lf", "--last-failed (--lf)")]
    public void Parse_QueueWithAnOptionItExcludes_IsAnError(string option, string named) =>
        Assert.Equal($"--queue cannot be combined with {named}", Fail(NoCi, MprocSettings.Empty, "--queue", Queue, "--build-id", "b", option, "Tests.dll"));

    [Fact]
    public void Parse_QueueInTheEnvironmentWithAConfiguredExcludedOption_IsAnError() =>
        Assert.Equal("--queue cannot be combined with --looponfail (--watch)", Fail(NoCi, Settings(new() { ["watch"] = "true" }, new() { ["QUEUE"] = Queue, ["BUILD_ID"] = "b" }), "Tests.dll"));

    [Fact]
    public void Parse_QueueWithFailedFirstOrMaxFail_IsAccepted()
    {
        var options = Succeed(NoCi, MprocSettings.Empty, "--queue", Queue, "--build-id", "b", "--failed-first", "--max-fail", "3", "Tests.dll");

        Assert.NotNull(options.Queue);
        Assert.True(options.FailedFirst);
    }

    [Fact]
    public void Parse_Help_DescribesTheQueueOptions()
    {
        using var output = new StringWriter();
        Assert.True(new CommandLineParser(NoCi).Parse(["--help"], 2, output).IsInformational);

        var help = output.ToString();
        foreach (var option in new[] { "--queue <URL>", "--build-id <ID>", "--attempt <N>", "--node-id <NAME>", "--lease-time <SECONDS>", "--max-lost <N>", "--queue-ttl <HOURS>", "MPROC_QUEUE", "nunit-mproc report --help" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes: 0 all passed; 1-100 number of failed tests (capped); -1 invalid argument;", help, StringComparison.Ordinal);
    }

    internal static CiEnvironment Ci(Dictionary<string, string?> variables) =>
        new(name => variables.GetValueOrDefault(name), "host", 42);

    internal static MprocSettings Settings(Dictionary<string, string?> file, Dictionary<string, string?> environment) => new(
        new ConfigurationBuilder().AddInMemoryCollection(file).Build(),
        "/w/mproc.json",
        new ConfigurationBuilder().AddInMemoryCollection(environment).Build());

    private static MprocOptions Succeed(CiEnvironment environment, MprocSettings settings, params string[] args)
    {
        using var output = new StringWriter();
        var outcome = new CommandLineParser(environment).Parse(args, 2, output, _ => settings);
        Assert.True(outcome.Options is not null, outcome.Error);
        return outcome.Options;
    }

    private static string Fail(CiEnvironment environment, MprocSettings settings, params string[] args)
    {
        using var output = new StringWriter();
        var outcome = new CommandLineParser(environment).Parse(args, 2, output, _ => settings);
        Assert.Null(outcome.Options);
        Assert.NotNull(outcome.Error);
        return outcome.Error;
    }
}
