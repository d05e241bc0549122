using System.Globalization;
using Mproc.Protocol;

namespace Mproc.Coordinator.Workers;

/// <summary>The environment variables a worker process gets on top of the coordinator's own.</summary>
public static class WorkerEnvironment
{
    /// <summary>The runtime's setting for the smallest generation-0 budget (hexadecimal bytes).</summary>
    public const string Gen0BudgetVariable = "DOTNET_GCgen0size";

    /// <summary>
    /// 64 MiB, in hexadecimal as the runtime reads it. A worker's start (NUnit's tree of every test,
    /// the selection, the discovery it sends) allocates about 20 MB for 10,000 tests, all of it still
    /// live: with the runtime's default budget on a small machine the first collection falls right
    /// there and copies that whole tree, 20-30 ms before the first test. With this budget the start,
    /// and often the whole run, needs no collection; a worker's heap may grow by up to this much more
    /// before its first one.
    /// </summary>
    public const string Gen0Budget = "4000000";

    /// <summary>
    /// The run's identity for worker <paramref name="workerId"/>, and the generation-0 budget unless
    /// the user set one (<paramref name="inherited"/> reads the coordinator's environment).
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(WorkerIdentity identity, int workerId, Func<string, string?> inherited)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(inherited);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ProtocolConstants.WorkerIdVariable] = workerId.ToString(CultureInfo.InvariantCulture),
            [ProtocolConstants.WorkerCountVariable] = identity.WorkerCount.ToString(CultureInfo.InvariantCulture),
            [ProtocolConstants.RunIdVariable] = identity.RunId,
            [ProtocolConstants.SecretVariable] = identity.Secret,
        };
        if (inherited(Gen0BudgetVariable) is null && inherited("COMPlus_GCgen0size") is null)
        {
            variables[Gen0BudgetVariable] = Gen0Budget;
        }

        return variables;
    }
}
