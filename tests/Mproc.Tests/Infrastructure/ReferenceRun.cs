using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Xml;
using NUnit.Engine;

namespace Mproc.Tests.Infrastructure;

/// <summary>
/// A plain serial run of one test assembly: the result that nunit-mproc's merged result must equal.
/// </summary>
/// <remarks>
/// The NUnit engine 3.22 runs in-process on .NET, and inside this test host its load context lets the
/// host's copies win: the Dependency asset got the host's Newtonsoft.Json 13 instead of its own 12.0.3.
/// So the run itself drives the test assembly's own NUnit FrameworkController (what the engine's
/// NUnit3FrameworkDriver drives) in a collectible load context where the test folder wins, as it does
/// for a console run; the engine still turns --where expressions into filter XML (ITestFilterService).
/// The counts and the XML below the test-run element are NUnit's own; the test-run wrapper carries
/// the counts of the assembly suite, as the engine's does for one assembly.
/// </remarks>
public sealed class ReferenceRun
{
    /// <summary>The RandomSeed every reference run uses, so [Random] arguments are reproducible.</summary>
    public const int DefaultRandomSeed = 20240601;

    /// <summary>
    /// NUnit redirects Console.Out and Console.Error for the duration of a run: every NUnit run in this
    /// process (reference runs, and tests that run an NUnit session in-process) holds this, so never two
    /// run at once and none captures another's output.
    /// </summary>
    internal static readonly SemaphoreSlim OneRunAtATime = new(1, 1);

    private ReferenceRun(XmlNode resultXml, IReadOnlyDictionary<string, ReferenceResult> results, ReferenceTotals totals)
    {
        ResultXml = resultXml;
        Results = results;
        Totals = totals;
    }

    /// <summary>The engine's test-run element (NUnit 3 result format).</summary>
    public XmlNode ResultXml { get; }

    /// <summary>Every test case in the result, by full name.</summary>
    public IReadOnlyDictionary<string, ReferenceResult> Results { get; }

    public ReferenceTotals Totals { get; }

    /// <summary>
    /// Runs <paramref name="assemblyPath"/> serially (one test worker) with a fixed RandomSeed, selecting the
    /// tests matched by <paramref name="where"/> (the console runner's --where syntax), or all of them when null.
    /// </summary>
    public static async Task<ReferenceRun> RunAsync(
        string assemblyPath,
        string? where = null,
        int randomSeed = DefaultRandomSeed,
        CancellationToken cancellationToken = default)
    {
        await OneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            var workDirectory = TestTemp.CreateDirectory("reference-").FullName;
            try
            {
                return await Task.Factory.StartNew(
                    () => Run(assemblyPath, where, randomSeed, workDirectory),
                    cancellationToken,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
            }
            finally
            {
                Directory.Delete(workDirectory, recursive: true);
            }
        }
        finally
        {
            OneRunAtATime.Release();
        }
    }

    /// <summary>Reads a result the way <see cref="RunAsync"/> does, e.g. one nunit-mproc wrote to disk.</summary>
    public static ReferenceRun FromResultXml(XmlNode resultXml)
    {
        ArgumentNullException.ThrowIfNull(resultXml);
        var testRun = resultXml.Name == "test-run"
            ? resultXml
            : resultXml.SelectSingleNode("//test-run") ?? throw new ArgumentException("No test-run element.", nameof(resultXml));

        var results = new Dictionary<string, ReferenceResult>(StringComparer.Ordinal);
        foreach (XmlNode testCase in testRun.SelectNodes("//test-case")!)
        {
            var fullName = Attribute(testCase, "fullname") ?? throw new InvalidDataException("A test-case without fullname.");
            var message = testCase.SelectSingleNode("failure/message") ?? testCase.SelectSingleNode("reason/message");
            results.Add(fullName, new ReferenceResult(
                Attribute(testCase, "result") ?? string.Empty,
                Attribute(testCase, "label"),
                Attribute(testCase, "site"),
                message?.InnerText));
        }

        var totals = new ReferenceTotals(
            Total: Count(testRun, "total"),
            Passed: Count(testRun, "passed"),
            Failed: Count(testRun, "failed"),
            Errors: results.Values.Count(r => r is { Result: "Failed", Label: "Error" }),
            Warnings: Count(testRun, "warnings"),
            Inconclusive: Count(testRun, "inconclusive"),
            Skipped: Count(testRun, "skipped"),
            Ignored: results.Values.Count(r => r is { Result: "Skipped", Label: "Ignored" }),
            Explicit: results.Values.Count(r => r is { Result: "Skipped", Label: "Explicit" }));

        return new ReferenceRun(testRun, results, totals);
    }

    private static ReferenceRun Run(string assemblyPath, string? where, int randomSeed, string workDirectory)
    {
        var filterXml = ToFilterXml(where, workDirectory);
        var context = new TestFolderLoadContext(assemblyPath);

        // As for a test assembly run on its own (in the default context), framework code that resolves
        // names (TypeDescriptor, Type.GetType, Assembly.Load) must look in the test's context; the
        // scope flows to the threads NUnit starts.
        using var contextual = context.EnterContextualReflection();
        try
        {
            var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
            var framework = context.LoadFromAssemblyName(new AssemblyName("nunit.framework"));
            var controllerType = framework.GetType("NUnit.Framework.Api.FrameworkController", throwOnError: true)!;
            var settings = new Dictionary<string, object>
            {
                ["RandomSeed"] = randomSeed,
                ["NumberOfTestWorkers"] = 0,
                ["WorkDirectory"] = workDirectory,
            };

            // The same calls the engine's NUnit3FrameworkDriver makes; the API is identical on NUnit 3.14, 4.x and 5.x.
            var controller = Activator.CreateInstance(controllerType, assembly, "0-", settings)!;
            Invoke(controllerType, controller, "LoadTests");
            var assemblyResult = Invoke(controllerType, controller, "RunTests", filterXml);
            return FromResultXml(WrapInTestRun(assemblyResult));
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Turns a --where expression into NUnit filter XML with the engine's own filter service.</summary>
    private static string ToFilterXml(string? where, string workDirectory)
    {
        if (string.IsNullOrWhiteSpace(where))
        {
            return "<filter />";
        }

        using var engine = new TestEngine();
        engine.WorkDirectory = workDirectory;
        engine.InternalTraceLevel = InternalTraceLevel.Off;
        engine.Initialize();
        var builder = engine.Services.GetService<ITestFilterService>().GetTestFilterBuilder();
        builder.SelectWhere(where);
        return builder.GetFilter().Text;
    }

    private static string Invoke(Type type, object target, string method, params object[] arguments)
    {
        var argumentTypes = arguments.Select(argument => argument.GetType()).ToArray();
        var methodInfo = type.GetMethod(method, argumentTypes)
            ?? throw new MissingMethodException(type.FullName, method);
        try
        {
            return (string)methodInfo.Invoke(target, arguments)!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Wraps the framework's assembly test-suite in a test-run element carrying its counts, as the engine does.</summary>
    private static XmlElement WrapInTestRun(string assemblyResultXml)
    {
        var document = new XmlDocument();
        document.LoadXml(assemblyResultXml);
        var suite = document.DocumentElement!;
        var testRun = document.CreateElement("test-run");
        testRun.SetAttribute("id", "2");
        foreach (var name in new[]
        {
            "testcasecount", "result", "label", "total", "passed", "failed", "warnings", "inconclusive",
            "skipped", "asserts", "start-time", "end-time", "duration",
        })
        {
            if (suite.HasAttribute(name))
            {
                testRun.SetAttribute(name, suite.GetAttribute(name));
            }
        }

        document.RemoveChild(suite);
        testRun.AppendChild(suite);
        document.AppendChild(testRun);
        return testRun;
    }

    private static string? Attribute(XmlNode node, string name) => node.Attributes?[name]?.Value;

    private static int Count(XmlNode node, string name) =>
        int.Parse(Attribute(node, name) ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture);
}
