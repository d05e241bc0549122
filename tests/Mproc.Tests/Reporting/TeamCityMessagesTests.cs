using Mproc.Coordinator.Reporting;
using Mproc.Protocol.Messages;
using Xunit;

namespace Mproc.Tests.Reporting;

public sealed class TeamCityMessagesTests
{
    private static TestOutcome Outcome(string status, string label = "", string? message = null, string? stack = null, string? output = null, double seconds = 0.25) =>
        new(status, label, "Test", message, stack, output, 0, 0, seconds, 0);

    [Theory]
    [InlineData("plain")]
    [InlineData("quote ' pipe | brackets [x] lines\r\nnext")]
    [InlineData("unicode ü \u2019 \u0085 \u2028 \u2029 end")]
    public void Format_EscapesEverythingTeamCityNeeds_AndReadsBack(string value)
    {
        var line = TeamCityMessages.Format("testStdOut", ("name", "N"), ("out", value));

        var message = TeamCityServiceMessage.Parse(line);

        Assert.Equal("testStdOut", message.Name);
        Assert.Equal(value, message["out"]);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void Escape_IsTeamCitysOwn() =>
        Assert.Equal("|'a|| |[b|] |n|r", TeamCityMessages.Escape("'a| [b] \n\r"));

    [Fact]
    public void ATestsLife_IsSuiteFlowStartedFinishedOrFailedOrIgnored_AndTheEndClosesEverything()
    {
        var messages = new TeamCityMessages(_ => "Tests.dll");
        var lines = new List<string>();

        lines.AddRange(messages.TestStarted(0, 0, "Ns.A.Passes"));
        lines.AddRange(messages.Output(0, 0, "Ns.A.Passes", "Error", "live"));
        lines.AddRange(messages.TestFinished(0, 0, "Ns.A.Passes", Outcome("Passed", output: "out\n", seconds: 1.5)));
        lines.AddRange(messages.TestStarted(1, 1, "Ns.A.Fails"));
        lines.AddRange(messages.TestFinished(1, 1, "Ns.A.Fails", Outcome("Failed", message: "boom", stack: "at X")));
        lines.AddRange(messages.TestFinished(1, 2, "Ns.A.Ignored", Outcome("Skipped", "Ignored", message: "not today")));
        lines.AddRange(messages.End());
        var parsed = lines.Select(TeamCityServiceMessage.Parse).ToList();

        Assert.Equal(
            [
                "flowStarted", "testSuiteStarted", "flowStarted", "testStarted", "testStdErr", "testStdOut", "testFinished",
                "flowStarted", "testStarted", "testFailed", "testFinished",
                "testStarted", "testIgnored",
                "flowFinished", "flowFinished", "testSuiteFinished", "flowFinished",
            ],
            parsed.Select(m => m.Name));
        Assert.Equal("Tests.dll", parsed[1]["name"]);
        var suiteFlow = parsed[1]["flowId"];
        Assert.Equal(suiteFlow, parsed[2]["parent"]);
        Assert.NotEqual(parsed[3]["flowId"], parsed[8]["flowId"]);
        Assert.Equal("false", parsed[3]["captureStandardOutput"]);
        Assert.Equal("1500", parsed[6]["duration"]);
        Assert.Equal("out\n", parsed[5]["out"]);
        Assert.Equal(("boom", "at X"), (parsed[9]["message"], parsed[9]["details"]));
        Assert.Equal(("Ns.A.Ignored", "not today"), (parsed[12]["name"], parsed[12]["message"]));
        Assert.Equal(parsed[8]["flowId"], parsed[12]["flowId"]);
        Assert.Equal(suiteFlow, parsed[15]["flowId"]);
    }

    [Fact]
    public void Inconclusive_IsIgnoredAsInconclusive()
    {
        var messages = new TeamCityMessages(_ => "Tests.dll");

        var last = TeamCityServiceMessage.Parse(messages.TestFinished(0, 0, "T", Outcome("Inconclusive", message: "maybe"))[^1]);

        Assert.Equal(("testIgnored", "Inconclusive"), (last.Name, last["message"]));
    }
}
