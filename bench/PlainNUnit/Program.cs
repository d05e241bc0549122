using System.Diagnostics;
using System.Reflection;
using NUnit;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

// Usage: PlainNUnit <TestAssembly.dll> [--expect N]
// Runs every test of the assembly once, in this process, with NUnit's own runner and no
// parallel workers (what a bare NUnit run does), then prints the counts. Exits non-zero if a
// test did not pass or the number of tests is not the expected one.

if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "--expect"))
{
    Console.Error.WriteLine("usage: PlainNUnit <TestAssembly.dll> [--expect N]");
    return 2;
}

var path = Path.GetFullPath(args[0]);
int? expected = args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : null;

var stopwatch = Stopwatch.StartNew();
var assembly = Assembly.LoadFrom(path);

var settings = new Dictionary<string, object>
{
    [FrameworkPackageSettings.NumberOfTestWorkers] = 0,
    [FrameworkPackageSettings.WorkDirectory] = Path.GetDirectoryName(path)!,
};

var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
var loaded = runner.Load(assembly, settings);
if (loaded.RunState == RunState.NotRunnable)
{
    Console.Error.WriteLine($"PlainNUnit: could not load {path}: {loaded.Properties.Get(PropertyNames.SkipReason)}");
    return 3;
}

var result = runner.Run(TestListener.NULL, TestFilter.Empty);
stopwatch.Stop();

var total = result.PassCount + result.FailCount + result.WarningCount + result.InconclusiveCount + result.SkipCount;
Console.WriteLine(
    $"PlainNUnit: {Path.GetFileName(path)}: {result.ResultState}; tests {total}, passed {result.PassCount}, " +
    $"failed {result.FailCount}, skipped {result.SkipCount}, inconclusive {result.InconclusiveCount}, " +
    $"warnings {result.WarningCount}; {stopwatch.Elapsed.TotalSeconds:F3} s load+run");

if (expected is int e && total != e)
{
    Console.Error.WriteLine($"PlainNUnit: expected {e} tests, found {total}");
    return 4;
}

if (total == 0)
{
    Console.Error.WriteLine("PlainNUnit: no tests found");
    return 4;
}

return result.FailCount == 0 ? 0 : 1;
