using System.Xml;

namespace Mproc.Tests.Infrastructure;

/// <summary>
/// What nunit3-console (3.13 and later; nunit4-console alike) prints and returns for a result file,
/// computed the way its ResultSummary and ConsoleRunner do: test-case elements counted by result and
/// label, every run test case under a fixture or SetUpFixture whose OneTimeTearDown failed (Failed,
/// Error, site TearDown) counted as an error, not-runnable suites counted as invalid fixtures. Written
/// here from that description, independently of nunit-mproc's own summary, to check it against.
/// </summary>
public sealed record NUnit3ConsoleVerdict(
    int TestCount,
    int Passed,
    int Failures,
    int Errors,
    int Invalid,
    int Warnings,
    int Inconclusive,
    int Skipped,
    int InvalidAssemblies,
    int InvalidTestFixtures,
    bool UnexpectedError)
{
    public int Failed => Failures + Errors + Invalid;

    /// <summary>ConsoleRunner's exit code: -100, -2, -4 in that order, else the failed count capped at 100.</summary>
    public int ExitCode =>
        UnexpectedError ? -100
        : InvalidAssemblies > 0 ? -2
        : InvalidTestFixtures > 0 ? -4
        : Math.Min(Failed, 100);

    /// <summary>The summary line nunit3-console and nunit-mproc both print.</summary>
    public string CountLine =>
        $"Test Count: {TestCount}, Pass: {Passed}, Fail: {Failed}, Warn: {Warnings}, Inconclusive: {Inconclusive}, Skip: {Skipped}";

    public static NUnit3ConsoleVerdict Of(XmlNode testRun)
    {
        ArgumentNullException.ThrowIfNull(testRun);
        var counter = new Counter();
        foreach (XmlNode child in testRun.ChildNodes)
        {
            counter.Visit(child, failedInFixtureTearDown: false);
        }

        return counter.Verdict();
    }

    private sealed class Counter
    {
        private int _tests, _passed, _failures, _errors, _invalid, _warnings, _inconclusive, _skipped, _invalidAssemblies, _invalidFixtures;
        private bool _unexpected;

        public NUnit3ConsoleVerdict Verdict() =>
            new(_tests, _passed, _failures, _errors, _invalid, _warnings, _inconclusive, _skipped, _invalidAssemblies, _invalidFixtures, _unexpected);

        public void Visit(XmlNode node, bool failedInFixtureTearDown)
        {
            var type = Attribute(node, "type");
            var result = Attribute(node, "result");
            var label = Attribute(node, "label");
            if (node.Name == "test-case")
            {
                _tests++;
                if (result == "Skipped")
                {
                    _skipped++;
                }
                else if (failedInFixtureTearDown)
                {
                    _errors++;
                }
                else
                {
                    CountRun(result, label);
                }

                return;
            }

            if (node.Name != "test-suite")
            {
                return;
            }

            if (result == "Failed" && label == "Invalid")
            {
                _ = type == "Assembly" ? _invalidAssemblies++ : _invalidFixtures++;
            }

            if (type == "Assembly" && result == "Failed" && label == "Error")
            {
                _invalidAssemblies++;
                _unexpected = true;
            }

            if (type is "SetUpFixture" or "TestFixture" && result == "Failed" && label == "Error" && Attribute(node, "site") == "TearDown")
            {
                failedInFixtureTearDown = true;
            }

            foreach (XmlNode child in node.ChildNodes)
            {
                Visit(child, failedInFixtureTearDown);
            }
        }

        private void CountRun(string? result, string? label)
        {
            switch (result)
            {
                case "Passed":
                    _passed++;
                    break;
                case "Failed" when label is null:
                    _failures++;
                    break;
                case "Failed" when label == "Invalid":
                    _invalid++;
                    break;
                case "Failed":
                    _errors++;
                    break;
                case "Warning":
                    _warnings++;
                    break;
                case "Inconclusive":
                    _inconclusive++;
                    break;
            }
        }

        private static string? Attribute(XmlNode node, string name) => node.Attributes?[name]?.Value;
    }
}
