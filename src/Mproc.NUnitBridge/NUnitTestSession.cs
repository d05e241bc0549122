using System.Reflection;
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
/// assembly's load context, so "NUnit" here is the test assembly's own NUnit.
/// </summary>
public sealed class NUnitTestSession : ITestSession
{
    private readonly NUnitTestAssemblyRunner _runner;
    private readonly ITestFilter _filter;
    private readonly SelectedTree _tree;
    private readonly int _nodeOffset;

    /// <param name="assembly">The test assembly, already loaded into its own load context.</param>
    /// <param name="settings">Selection and seed.</param>
    /// <param name="nodeOffset">Index of this assembly's first node among all assemblies' nodes.</param>
    public NUnitTestSession(Assembly assembly, SessionSettings settings, int nodeOffset)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(settings);
        _nodeOffset = nodeOffset;
        _runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        var loadSettings = new Dictionary<string, object>
        {
            [NUnitSettings.SynchronousEvents] = true,
            [NUnitSettings.NumberOfTestWorkers] = 0,
            [NUnitSettings.RandomSeed] = settings.RandomSeed,
            [NUnitSettings.WorkDirectory] = settings.WorkDirectory,
        };
        var root = _runner.Load(assembly, loadSettings);
        _filter = string.IsNullOrWhiteSpace(settings.FilterXml) ? TestFilter.Empty : TestFilter.FromXml(settings.FilterXml);
        RunOrdering.Apply(root, _filter, settings.ExpectedSeconds);
        _tree = SelectedTree.Build(root, _filter, settings.OrdinalOffset);
        var error = root.RunState == RunState.NotRunnable ? SkipReasonOf(root) : null;
        Discovery = new AssemblyDiscovery(
            assembly.Location,
            FrameworkVersionOf(root),
            error,
            _tree.Nodes);
    }

    public AssemblyDiscovery Discovery { get; }

    public void Run(ITestSessionHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (_tree.TestCount == 0)
        {
            return;
        }

        _runner.Run(new SessionListener(_tree, host, _nodeOffset), _filter);
    }

    private static string FrameworkVersionOf(ITest root) =>
        root.GetType().Assembly.GetName().Version?.ToString() ?? "unknown";

    private static string SkipReasonOf(ITest root) =>
        root.Properties.ContainsKey("_SKIPREASON") ? Convert.ToString(root.Properties["_SKIPREASON"][0], System.Globalization.CultureInfo.InvariantCulture) ?? "not runnable" : "not runnable";
}
