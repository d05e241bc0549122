using System.Reflection;
using System.Runtime.Loader;
using Mproc.Protocol;
using Mproc.Protocol.Bridging;
using Mproc.Protocol.Messages;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Mproc.NUnitBridge;

/// <summary>
/// One NUnit session over one test assembly: loads it with NUnit's own runner, works out the
/// selected tests in run order, and runs them all in a single NUnit run while the worker decides,
/// test by test, which of them run here. Created by the worker through reflection inside the test
/// assembly's load context, so "NUnit" here is the test assembly's own NUnit. Loading, selecting and
/// the run happen with the test assembly's load context as the contextual reflection context, as if
/// the tests ran on their own: framework code that resolves names (TypeDescriptor converters,
/// Type.GetType, Assembly.Load, Activator.CreateInstance by assembly name) then looks in the test's
/// folder. The scope is an AsyncLocal, so it flows to the threads NUnit and the tests start.
/// </summary>
public sealed class NUnitTestSession : ITestSession
{
    private readonly NUnitTestAssemblyRunner _runner;
    private readonly Assembly _assembly;
    private readonly ITest _root;
    // NUnit's runner keeps this very dictionary and reads the run's settings from it when a run starts.
    private readonly Dictionary<string, object> _settings;
    private ITestFilter _filter = TestFilter.Empty;
    private SelectedTree? _tree;
    private AssemblyDiscovery? _discovery;
    private int _nodeOffset;

    /// <param name="assembly">The test assembly, already loaded into its own load context.</param>
    /// <param name="randomSeed">NUnit's random seed, which [Random] arguments come from at load time.</param>
    /// <param name="workDirectory">NUnit's work directory.</param>
    /// <param name="testParameters">TestContext.Parameters, as name/value pairs (NUnit takes them when it loads the tests).</param>
    public NUnitTestSession(Assembly assembly, int randomSeed, string workDirectory, IReadOnlyList<TestParameter> testParameters)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(testParameters);
        _assembly = assembly;
        _runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        _settings = new Dictionary<string, object>
        {
            [NUnitSettings.SynchronousEvents] = true,
            [NUnitSettings.NumberOfTestWorkers] = 0,
            [NUnitSettings.RandomSeed] = randomSeed,
            [NUnitSettings.WorkDirectory] = workDirectory,
        };
        if (testParameters.Count > 0)
        {
            _settings[NUnitSettings.TestParametersDictionary] = testParameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        }

        using (AssemblyLoadContext.EnterContextualReflection(assembly))
        {
            _root = _runner.Load(assembly, _settings);
        }

        RunTrace.Mark("NUnit loaded the test assembly");
    }

    public AssemblyDiscovery Discovery => _discovery ?? throw new InvalidOperationException("SelectTests has not run.");

    public void SelectTests(SessionSettings settings, int nodeOffset)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (_discovery is not null)
        {
            throw new InvalidOperationException("SelectTests runs once.");
        }

        using var contextual = AssemblyLoadContext.EnterContextualReflection(_assembly);
        ApplyRunSettings(settings);
        _nodeOffset = nodeOffset;
        _filter = string.IsNullOrWhiteSpace(settings.FilterXml) ? TestFilter.Empty : TestFilter.FromXml(settings.FilterXml);
        RunOrdering.Apply(_root, _filter, settings.ExpectedSeconds, settings.ReorderTests, settings.FailedFirst);
        _tree = SelectedTree.Build(_root, _filter, settings.OrdinalOffset);
        RunTrace.Mark("tests selected and ordered");
        var error = _root.RunState == RunState.NotRunnable ? SkipReasonOf(_root) : null;
        _discovery = new AssemblyDiscovery(
            _assembly.Location,
            FrameworkVersionOf(_root),
            error,
            _tree.Nodes);
    }

    public void Run(ITestSessionHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (_tree is null)
        {
            throw new InvalidOperationException("SelectTests has not run.");
        }

        if (_tree.TestCount == 0)
        {
            return;
        }

        using var contextual = AssemblyLoadContext.EnterContextualReflection(_assembly);
        var listener = new SessionListener(_tree, host, _nodeOffset);
        try
        {
            _runner.Run(listener, _filter);
        }
        finally
        {
            listener.RestoreRunStates();
        }
    }

    /// <summary>
    /// The settings NUnit reads when the run starts, into the dictionary it was loaded with. (The work
    /// directory is not one of them everywhere: NUnit 4 takes it when it loads, so it is given there.)
    /// </summary>
    private void ApplyRunSettings(SessionSettings settings)
    {
        if (settings.DefaultCulture is { } culture)
        {
            _settings[NUnitSettings.DefaultCulture] = culture;
        }

        if (settings.DefaultUICulture is { } uiCulture)
        {
            _settings[NUnitSettings.DefaultUICulture] = uiCulture;
        }

        if (settings.DefaultTimeout > 0)
        {
            _settings[NUnitSettings.DefaultTimeout] = settings.DefaultTimeout;
        }
    }

    private static string FrameworkVersionOf(ITest root) =>
        root.GetType().Assembly.GetName().Version?.ToString() ?? "unknown";

    private static string SkipReasonOf(ITest root) =>
        root.Properties.ContainsKey("_SKIPREASON") ? Convert.ToString(root.Properties["_SKIPREASON"][0], System.Globalization.CultureInfo.InvariantCulture) ?? "not runnable" : "not runnable";
}
