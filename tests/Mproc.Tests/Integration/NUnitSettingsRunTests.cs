using System.Xml.Linq;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Integration;

/// <summary>
/// Test parameters, cultures, the work directory and a runsettings file reach the tests in every
/// worker process, and in-process: each test of Options.NUnit4's ContextTests writes what it got.
/// </summary>
public sealed class NUnitSettingsRunTests
{
    private const string ContextTests = "class == Options.ContextTests";

    [Theory]
    [InlineData("--cores 2")]
    [InlineData("--cores 1")]
    [InlineData("--disable-mproc")]
    public async Task ParametersCulturesWorkDirectoryAndRunSettings_ReachEveryTest(string modeArguments)
    {
        var mode = modeArguments.Split(' ');
        var folder = TestTemp.CreateDirectory("settings-").FullName;
        var runSettings = Path.Combine(folder, "team.runsettings");
        await File.WriteAllTextAsync(runSettings, """
            <RunSettings>
              <TestRunParameters>
                <Parameter name="case" value="from-file" />
                <Parameter name="env" value="staging" />
              </TestRunParameters>
              <NUnit><DefaultTimeout>60000</DefaultTimeout><NumberOfTestWorkers>4</NumberOfTestWorkers></NUnit>
            </RunSettings>
            """);
        var workDirectory = Path.Combine(folder, "work");

        var run = await MprocTool.RunAsync(
            [.. mode, "--no-timings", "--where", ContextTests, "--settings", runSettings, "--testparam", "case=cli", "--params", "quote=it's;empty=",
                "--set-culture", "fr-FR", "--set-ui-culture", "de-DE", "--workdirectory", workDirectory, TestAssets.OptionsNUnit4]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("nunit-mproc: notice: NUnit settings in", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("NumberOfTestWorkers", run.Stderr, StringComparison.Ordinal);

        // The result file went into the work directory, as nunit3-console's --work puts it.
        var outputs = TestOutputs(Path.Combine(workDirectory, "TestResult.xml"));
        Assert.False(File.Exists(run.ResultPath));
        // Distinct lines: with a default timeout, a test's output comes back twice (see the README's known problems).
        Assert.Equal(["case:cli"], Lines(Assert.Single(outputs, o => o.Key.StartsWith("Options.ContextTests.Loaded", StringComparison.Ordinal)).Value));
        Assert.Equal("Options.ContextTests.Loaded(\"cli\")", outputs.Keys.Single(k => k.Contains("Loaded", StringComparison.Ordinal)));
        var reports = outputs.Where(o => o.Key.StartsWith("Options.ContextTests.Reports", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, reports.Count);
        foreach (var (name, output) in reports)
        {
            Assert.Equal(
                ["param:case=cli", "param:empty=", "param:env=staging", "param:quote=it's", "culture:fr-FR", "uiculture:de-DE", $"workdir:{workDirectory}", "timeout:60000"],
                Lines(output));
        }
    }

    private static string[] Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    [Fact]
    public async Task Environment_SetsParametersAndCulture()
    {
        var run = await MprocTool.RunAsync(
            ["--cores", "2", "--no-timings", "--where", ContextTests, TestAssets.OptionsNUnit4],
            new Dictionary<string, string> { ["MPROC_TESTPARAM"] = "[\"case=env\", \"x=1\"]", ["MPROC_SET_CULTURE"] = "fr-FR" });

        Assert.True(run.ExitCode == 0, run.ToString());
        var outputs = TestOutputs(run.ResultPath);
        Assert.Contains("Options.ContextTests.Loaded(\"env\")", outputs.Keys);
        Assert.All(outputs.Where(o => o.Key.Contains("Reports", StringComparison.Ordinal)), o =>
        {
            Assert.Contains("param:x=1", o.Value, StringComparison.Ordinal);
            Assert.Contains("culture:fr-FR", o.Value, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("--testparam", "novalue", "invalid --testparam value 'novalue'; expected NAME=VALUE")]
    [InlineData("--settings", "missing.runsettings", "cannot read the runsettings file")]
    [InlineData("--set-culture", "xx-nowhere", "invalid --set-culture value 'xx-nowhere'")]
    [InlineData("--labels", "Sometimes", "invalid --labels value 'Sometimes'")]
    public async Task BadInput_IsOneErrorLine_ExitCodeMinusOne(string option, string value, string expected)
    {
        var run = await MprocTool.RunAsync(option, value, TestAssets.OptionsNUnit4);

        Assert.True(run.ExitCode == (-1 & 0xFF), run.ToString());
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("nunit-mproc: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    /// <summary>Each test case's full name and the output NUnit kept for it, from a result file.</summary>
    internal static Dictionary<string, string> TestOutputs(string resultPath) =>
        XDocument.Load(resultPath).Descendants("test-case").ToDictionary(
            c => (string)c.Attribute("fullname")!,
            c => c.Element("output")?.Value.Replace("\r", string.Empty, StringComparison.Ordinal) ?? string.Empty,
            StringComparer.Ordinal);
}
