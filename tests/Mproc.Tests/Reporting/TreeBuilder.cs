using Mproc.Coordinator.Results;
using Mproc.Protocol.Messages;

namespace Mproc.Tests.Reporting;

/// <summary>Builds merged result trees by hand, as the coordinator would have merged them.</summary>
internal sealed class TreeBuilder
{
    public static readonly DateTime RunStart = new(2026, 1, 31, 12, 0, 0, DateTimeKind.Utc);

    private int _nextId = 1000;
    private int _nextOrdinal;

    public ResultNode Assembly(string path) =>
        new(Node(-1, "Assembly", Path.GetFileName(path), path, null, null), null);

    public ResultNode Suite(ResultNode parent, string type, string name, TestOutcome? own = null, params string[] properties)
    {
        var fullName = parent.Node.TestType == "Assembly" ? name : parent.Node.FullName + "." + name;
        var className = type is "TestFixture" or "ParameterizedMethod" or "Theory" ? ClassOf(parent, type, fullName) : null;
        var methodName = type is "ParameterizedMethod" or "Theory" ? name : null;
        var suite = new ResultNode(Node(-1, type, name, fullName, className, methodName, properties), parent) { Outcome = own };
        parent.Children.Add(suite);
        return suite;
    }

    public ResultNode Test(ResultNode parent, string name, TestOutcome? outcome, params string[] properties)
    {
        var fullName = parent.Node.TestType is "ParameterizedMethod" or "Theory"
            ? parent.Node.ClassName + "." + name
            : parent.Node.FullName + "." + name;
        var className = parent.Node.TestType == "TestFixture" ? parent.Node.FullName : parent.Node.ClassName;
        var methodName = parent.Node.MethodName ?? name.Split('(')[0];
        var test = new ResultNode(Node(_nextOrdinal++, "TestMethod", name, fullName, className, methodName, properties), parent)
        {
            Outcome = outcome,
            WorkerId = outcome is null ? -1 : 1,
        };
        parent.Children.Add(test);
        return test;
    }

    public static TestOutcome Outcome(
        string status,
        string label = "",
        string site = "Test",
        string? message = null,
        string? stackTrace = null,
        string? output = null,
        double startSeconds = 0,
        double durationSeconds = 0.5,
        int asserts = 1)
    {
        var start = RunStart.AddSeconds(startSeconds);
        var end = start.AddSeconds(durationSeconds);
        return new TestOutcome(status, label, site, message, stackTrace, output, start.Ticks, end.Ticks, durationSeconds, asserts);
    }

    public static TestOutcome Passed(double startSeconds = 0, int asserts = 1) =>
        Outcome("Passed", startSeconds: startSeconds, asserts: asserts);

    public static TestOutcome Failed(string message = "Expected: 1\n  But was:  2", double startSeconds = 0) =>
        Outcome("Failed", message: message, stackTrace: "at Ns.Fixture.Test() in Fixture.cs:line 12", startSeconds: startSeconds);

    public static RunReport Report(params ResultNode[] assemblies) =>
        Report(assemblies, [new WorkerStats(1, 3, 4.0, 4242), new WorkerStats(2, 2, 2.0, 4343)]);

    public static RunReport Report(IReadOnlyList<ResultNode> assemblies, IReadOnlyList<WorkerStats> workers) => new(
        "run-1",
        RunStart,
        RunStart.AddSeconds(8),
        12345,
        workers.Count,
        "nunit-mproc --cores 2 Tests.dll",
        "",
        assemblies.Select(a => new AssemblyReport(a.Node.FullName, "3.14.0.0", a)).ToList(),
        workers);

    private static string? ClassOf(ResultNode parent, string type, string fullName) =>
        type == "TestFixture" ? fullName : parent.Node.FullName;

    private TestNode Node(int ordinal, string type, string name, string fullName, string? className, string? methodName, string[]? properties = null) =>
        new(-1, ordinal, "1-" + _nextId++, type, name, fullName, className, methodName, "Runnable", 1234, properties ?? []);
}
