using Mproc.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Mproc.Coordinator.Cli;
using Xunit;

namespace Mproc.Tests.Coordinator.Cli;

public sealed class ConfigurationOptionsTests
{
    [Fact]
    public void Parse_ValuesOnlyInConfiguration_AreUsed()
    {
        var settings = Settings(
            file: new() { ["cores"] = "3", ["where"] = "cat == Fast", ["junit"] = "j.xml", ["verbose"] = "true", ["durations"] = "5" },
            environment: []);

        var options = Succeed(settings, "Tests.dll");

        Assert.Equal(3, options.Workers);
        Assert.Equal("cat == Fast", options.Where);
        Assert.Equal("j.xml", options.JUnitPath);
        Assert.True(options.Verbose);
        Assert.Equal(5, options.Durations);
    }

    [Fact]
    public void Parse_CommandLine_WinsOverEnvironment_WhichWinsOverTheFile()
    {
        var settings = Settings(
            file: new() { ["cores"] = "3", ["seed"] = "1", ["trx"] = "file.trx" },
            environment: new() { ["CORES"] = "5", ["SEED"] = "2" });

        var options = Succeed(settings, "--cores", "7", "Tests.dll");

        Assert.Equal(7, options.Workers);
        Assert.Equal(2, options.RandomSeed);
        Assert.Equal("file.trx", options.TrxPath);
    }

    [Fact]
    public void Parse_SupervisionAndJobserverKeys_AreUsed()
    {
        var settings = Settings(
            file: new() { ["testTimeout"] = "2.5", ["max-worker-restarts"] = "1" },
            environment: new() { ["JOBSERVER"] = "/tmp/fifo" });

        var options = Succeed(settings, "Tests.dll");

        Assert.Equal(TimeSpan.FromSeconds(2.5), options.TestTimeout);
        Assert.Equal(1, options.MaxWorkerRestarts);
        Assert.Equal("/tmp/fifo", options.Jobserver);
    }

    [Fact]
    public void Parse_InnerLoopKeys_AreUsed()
    {
        var fromFile = Succeed(Settings(file: new() { ["maxFail"] = "2", ["lf"] = "true", ["failedFirst"] = "yes", ["watch"] = "true" }, environment: []), "Tests.dll");
        var fromEnvironment = Succeed(Settings(file: [], environment: new() { ["EXIT_FIRST"] = "1", ["LAST_FAILED"] = "true", ["LOOPONFAIL"] = "true" }), "Tests.dll");

        Assert.Equal((2, true, true, true), (fromFile.MaxFail, fromFile.LastFailed, fromFile.FailedFirst, fromFile.Watch));
        Assert.Equal((1, true, false, true), (fromEnvironment.MaxFail, fromEnvironment.LastFailed, fromEnvironment.FailedFirst, fromEnvironment.Watch));
        Assert.Contains("MPROC_MAX_FAIL", Fail(Settings(file: [], environment: new() { ["MAX_FAIL"] = "0" }), "Tests.dll"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadTestTimeoutInEnvironment_NamesTheVariable()
    {
        var settings = Settings(file: [], environment: new() { ["TEST_TIMEOUT"] = "abc" });

        Assert.Contains("MPROC_TEST_TIMEOUT", Fail(settings, "Tests.dll"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NO_RESULT")]
    [InlineData("noResult")]
    [InlineData("no-result")]
    public void Parse_NoResultKey_InAnySpelling_TurnsTheResultFileOff(string key)
    {
        var options = Succeed(Settings([], new() { [key] = "true" }), "Tests.dll");

        Assert.Null(options.ResultPath);
    }

    [Fact]
    public void Parse_ResultOnTheCommandLine_WinsOverConfiguredNoResult()
    {
        var options = Succeed(Settings(new() { ["noResult"] = "true" }, []), "--result", "r.xml", "Tests.dll");

        Assert.Equal("r.xml", options.ResultPath);
    }

    [Fact]
    public void Parse_NoAssemblyOnTheCommandLine_TakesTheConfiguredOnes()
    {
        var settings = Settings(new() { ["assemblies:0"] = "A.dll", ["assemblies:1"] = "B.dll" }, []);

        Assert.Equal(["A.dll", "B.dll"], Succeed(settings).Assemblies);
        Assert.Equal(["C.dll"], Succeed(settings, "C.dll").Assemblies);
    }

    [Fact]
    public void Parse_AssembliesInTheEnvironment_AsAJsonArrayOrOnePath()
    {
        Assert.Equal(["a.dll", "b c.dll"], Succeed(Settings([], new() { ["ASSEMBLIES"] = "[\"a.dll\", \"b c.dll\"]" })).Assemblies);
        Assert.Equal(["a.dll"], Succeed(Settings([], new() { ["ASSEMBLIES"] = "a.dll" })).Assemblies);

        var error = Fail(Settings([], new() { ["ASSEMBLIES"] = "[\"a.dll\", 3" }));
        Assert.Contains("not a JSON array of strings", error, StringComparison.Ordinal);
        Assert.Contains("MPROC_ASSEMBLIES", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidConfiguredValue_NamesWhereItWasSet()
    {
        var error = Fail(Settings([], new() { ["CORES"] = "lots" }), "Tests.dll");

        Assert.Contains("invalid --cores value 'lots'", error, StringComparison.Ordinal);
        Assert.Contains("MPROC_CORES", error, StringComparison.Ordinal);
        Assert.Contains("\"disableMproc\"", Fail(Settings(new() { ["disableMproc"] = "maybe" }, []), "Tests.dll"), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_WorkerVariables_AreNeitherOptionsNorUnknown()
    {
        var settings = Settings(
            new() { ["runId"] = "x", ["cores"] = "2", ["coers"] = "3" },
            new() { ["WORKER_ID"] = "1", ["WORKER_COUNT"] = "4", ["RUN_ID"] = "r", ["SECRET"] = "s" });

        Assert.Equal(["coers"], settings.UnknownKeys);
        Assert.Equal(2, Succeed(settings, "Tests.dll").Workers);
    }

    [Fact]
    public void Load_FileInTheWorkingDirectory_WinsOverTheOneBesideTheAssembly()
    {
        var root = TestTemp.CreateDirectory("config-").FullName;
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
            var assembly = Path.Combine(bin, "Tests.dll");
            File.WriteAllText(Path.Combine(bin, MprocConfiguration.FileName), """{ "cores": "4", "where": "cat == Db" }""");

            Assert.Equal(4, Succeed(MprocConfiguration.Load(root, assembly), assembly).Workers);

            File.WriteAllText(Path.Combine(root, MprocConfiguration.FileName), """{ "cores": 6 }""");
            var options = Succeed(MprocConfiguration.Load(root, assembly), assembly);
            Assert.Equal(6, options.Workers);
            Assert.Null(options.Where);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Parse_MalformedFile_IsACleanError()
    {
        var root = TestTemp.CreateDirectory("config-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, MprocConfiguration.FileName), "{ \"cores\": ");
            using var output = new StringWriter();
            var outcome = new CommandLineParser().Parse(["Tests.dll"], 2, output, first => MprocConfiguration.Load(root, first));

            Assert.StartsWith("cannot read mproc.json", outcome.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static MprocSettings Settings(Dictionary<string, string?> file, Dictionary<string, string?> environment) => new(
        new ConfigurationBuilder().AddInMemoryCollection(file).Build(),
        "/w/mproc.json",
        new ConfigurationBuilder().AddInMemoryCollection(environment).Build());

    private static MprocOptions Succeed(MprocSettings settings, params string[] args)
    {
        using var output = new StringWriter();
        var outcome = new CommandLineParser().Parse(args, 2, output, _ => settings);
        Assert.True(outcome.Options is not null, outcome.Error);
        return outcome.Options;
    }

    private static string Fail(MprocSettings settings, params string[] args)
    {
        using var output = new StringWriter();
        var outcome = new CommandLineParser().Parse(args, 2, output, _ => settings);
        Assert.Null(outcome.Options);
        return outcome.Error!;
    }
}
