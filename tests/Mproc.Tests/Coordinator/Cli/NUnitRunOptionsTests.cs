using Microsoft.Extensions.Configuration;
using Mproc.Coordinator.Cli;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Coordinator.Cli;

/// <summary>The options nunit3-console and dotnet test users pass: test parameters, runsettings, cultures, work directory, labels, TeamCity.</summary>
public sealed class NUnitRunOptionsTests
{
    [Fact]
    public void TestParam_Repeated_GivesEveryParameter_AndParamsSplitsOnSemicolons()
    {
        var options = Succeed("--testparam", "a=1", "--tp", "url=http://x/?q=a=b", "--params", "b=2;c=", "Tests.dll");

        Assert.Equal(["Tests.dll"], options.Assemblies);
        Assert.Equal(
            [("a", "1"), ("url", "http://x/?q=a=b"), ("b", "2"), ("c", string.Empty)],
            options.NUnit.TestParameters.Select(p => (p.Name, p.Value)));
    }

    [Theory]
    [InlineData("--testparam", "novalue")]
    [InlineData("--testparam", "=1")]
    [InlineData("--params", "a=1;b")]
    public void TestParam_WithoutNameAndEquals_Fails(string option, string value)
    {
        var error = Fail(option, value, "Tests.dll");

        Assert.Contains($"invalid {option} value", error, StringComparison.Ordinal);
        Assert.Contains("expected NAME=VALUE", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_ReadsParametersTimeoutAndWorkDirectory_CommandLineParametersWin_OtherNUnitSettingsAreNoticed()
    {
        var file = RunSettings("""
            <RunSettings>
              <RunConfiguration><ResultsDirectory>r</ResultsDirectory></RunConfiguration>
              <TestRunParameters>
                <Parameter name="env" value="staging" />
                <Parameter name="user" value="file" />
              </TestRunParameters>
              <NUnit>
                <DefaultTimeout>2500</DefaultTimeout>
                <WorkDirectory>/tmp/from-settings</WorkDirectory>
                <NumberOfTestWorkers>4</NumberOfTestWorkers>
              </NUnit>
            </RunSettings>
            """);

        var options = Succeed("--settings", file, "--testparam", "user=cli", "Tests.dll");

        Assert.Equal([("env", "staging"), ("user", "cli")], options.NUnit.TestParameters.Select(p => (p.Name, p.Value)));
        Assert.Equal(2500, options.NUnit.DefaultTimeout);
        Assert.Equal("/tmp/from-settings", options.NUnit.WorkDirectory);
        var notice = Assert.Single(options.Notices);
        Assert.Contains("NumberOfTestWorkers", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_MissingFile_Fails()
    {
        var missing = Path.Combine(TestTemp.CreateDirectory("rs-").FullName, "missing.runsettings");

        Assert.Contains("cannot read the runsettings file", Fail("--settings", missing, "Tests.dll"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<RunSettings><NUnit>")]
    [InlineData("<Other />")]
    [InlineData("<RunSettings><TestRunParameters><Parameter value=\"1\" /></TestRunParameters></RunSettings>")]
    [InlineData("<RunSettings><NUnit><DefaultTimeout>soon</DefaultTimeout></NUnit></RunSettings>")]
    public void Settings_InvalidFile_FailsInOneLine(string content)
    {
        var error = Fail("--settings", RunSettings(content), "Tests.dll");

        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void Cultures_AreTakenByName_AndAnUnknownOneFails()
    {
        var options = Succeed("--set-culture", "fr-FR", "--set-ui-culture", "de-DE", "Tests.dll");

        Assert.Equal("fr-FR", options.NUnit.Culture);
        Assert.Equal("de-DE", options.NUnit.UICulture);
        Assert.Contains("invalid --set-culture value 'xx-nowhere'", Fail("--set-culture", "xx-nowhere", "Tests.dll"), StringComparison.Ordinal);
    }

    /// <summary>As nunit3-console's --work: relative result paths go into the work directory, absolute ones stay.</summary>
    [Fact]
    public void WorkDirectory_IsFullPath_AndHoldsRelativeResultFiles()
    {
        var options = Succeed("--workdirectory", "out", "--junit", "j.xml", "--trx", "/abs/t.trx", "Tests.dll");

        var workDirectory = Path.GetFullPath("out");
        Assert.Equal(workDirectory, options.NUnit.WorkDirectory);
        Assert.Equal(Path.Combine(workDirectory, "TestResult.xml"), options.ResultPath);
        Assert.Equal(Path.Combine(workDirectory, "j.xml"), options.JUnitPath);
        Assert.Equal("/abs/t.trx", options.TrxPath);
    }

    [Theory]
    [InlineData("off", LabelMode.Off)]
    [InlineData("On", LabelMode.On)]
    [InlineData("OnOutput", LabelMode.On)]
    [InlineData("BEFORE", LabelMode.Before)]
    [InlineData("After", LabelMode.After)]
    [InlineData("All", LabelMode.All)]
    [InlineData("BeforeAndAfter", LabelMode.All)]
    public void Labels_AreParsedAsNUnit3ConsoleNamesThem(string text, LabelMode expected) =>
        Assert.Equal(expected, Succeed("--labels", text, "Tests.dll").Labels);

    [Fact]
    public void Labels_Unknown_Fails() =>
        Assert.Contains("invalid --labels value 'Sometimes'", Fail("--labels", "Sometimes", "Tests.dll"), StringComparison.Ordinal);

    [Fact]
    public void TeamCity_IsUndecidedUnlessGiven()
    {
        Assert.Null(Succeed("Tests.dll").TeamCity);
        Assert.True(Succeed("--teamcity", "Tests.dll").TeamCity);
        Assert.False(Succeed(Settings(new() { ["teamcity"] = "false" }, []), "Tests.dll").TeamCity);
    }

    [Fact]
    public void Configuration_SetsEveryNewOption_CommandLineParametersAddToIt()
    {
        var settings = Settings(
            file: new() { ["testparam:0"] = "a=file", ["testparam:1"] = "b=file", ["labels"] = "Before", ["setUiCulture"] = "de-DE" },
            environment: new() { ["SET_CULTURE"] = "fr-FR", ["WORKDIRECTORY"] = "/tmp/wd", ["TEAMCITY"] = "true", ["PARAMS"] = "c=env;d=env" });

        var options = Succeed(settings, "--testparam", "b=cli", "Tests.dll");

        Assert.Equal([("a", "file"), ("b", "cli"), ("c", "env"), ("d", "env")], options.NUnit.TestParameters.Select(p => (p.Name, p.Value)).OrderBy(p => p.Name));
        Assert.Equal(LabelMode.Before, options.Labels);
        Assert.Equal("fr-FR", options.NUnit.Culture);
        Assert.Equal("de-DE", options.NUnit.UICulture);
        Assert.Equal("/tmp/wd", options.NUnit.WorkDirectory);
        Assert.True(options.TeamCity);
    }

    [Fact]
    public void Configuration_BadParameterInEnvironment_NamesTheVariable() =>
        Assert.Contains("MPROC_TESTPARAM", Fail(Settings([], new() { ["TESTPARAM"] = "noequals" }), "Tests.dll"), StringComparison.Ordinal);

    [Fact]
    public void NoInput_InAFolderWithASolution_RunsThatFolder_ElseFails()
    {
        var folder = TestTemp.CreateDirectory("noinput-").FullName;
        using var output = new StringWriter();

        Assert.NotNull(new CommandLineParser().Parse([], 2, output, null, folder).Error);

        File.WriteAllText(Path.Combine(folder, "All.slnx"), "<Solution />");
        var outcome = new CommandLineParser().Parse([], 2, output, null, folder);
        Assert.Equal([folder], outcome.Options?.Assemblies);
    }

    private static string RunSettings(string content)
    {
        var path = Path.Combine(TestTemp.CreateDirectory("rs-").FullName, "test.runsettings");
        File.WriteAllText(path, content);
        return path;
    }

    private static MprocSettings Settings(Dictionary<string, string?> file, Dictionary<string, string?> environment) => new(
        new ConfigurationBuilder().AddInMemoryCollection(file).Build(),
        "/w/mproc.json",
        new ConfigurationBuilder().AddInMemoryCollection(environment).Build());

    private static MprocOptions Succeed(params string[] args) => Succeed(MprocSettings.Empty, args);

    private static MprocOptions Succeed(MprocSettings settings, params string[] args)
    {
        using var output = new StringWriter();
        var outcome = new CommandLineParser().Parse(args, 2, output, _ => settings);
        Assert.True(outcome.Options is not null, outcome.Error);
        return outcome.Options;
    }

    private static string Fail(params string[] args) => Fail(MprocSettings.Empty, args);

    private static string Fail(MprocSettings settings, params string[] args)
    {
        using var output = new StringWriter();
        var outcome = new CommandLineParser().Parse(args, 2, output, _ => settings);
        Assert.True(outcome.Error is not null, "expected an error");
        return outcome.Error;
    }
}
