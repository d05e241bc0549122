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
        return new WorkerIdentity(settings.RunId, settings.Secret, settings.WorkerCount, settings.Assemblies, settings.RandomSeed);
    }
}
