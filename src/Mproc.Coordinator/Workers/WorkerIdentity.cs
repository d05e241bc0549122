using Mproc.Coordinator.Running;

namespace Mproc.Coordinator.Workers;

/// <summary>
/// What a worker process is told when it starts: the run it belongs to and its size, and the test
/// assemblies (full paths) and random seed it may load while it waits for the Welcome.
/// </summary>
public sealed record WorkerIdentity(string RunId, string Secret, int WorkerCount, IReadOnlyList<string> Assemblies, int RandomSeed)
{
    public static WorkerIdentity Of(RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Test parameters and the work directory come with the Welcome, and NUnit takes them when it loads: nothing to preload then.
        var preload = settings.NUnit.LoadedWithTheTests ? [] : settings.Assemblies;
        return new WorkerIdentity(settings.RunId, settings.Secret, settings.WorkerCount, preload, settings.RandomSeed);
    }
}
