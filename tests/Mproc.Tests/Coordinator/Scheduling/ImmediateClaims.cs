using Mproc.Coordinator.Running;
using Mproc.Coordinator.Scheduling;
using Mproc.Protocol.Messages;
using Xunit.Sdk;

namespace Mproc.Tests.Coordinator.Scheduling;

/// <summary>Claims a test expects to be answered at once (no non-parallelizable tests in the way).</summary>
internal static class ImmediateClaims
{
    public static Grant ClaimNow(this Scheduler scheduler, int claimant, int position) =>
        scheduler.Claim(claimant, position) ?? throw new XunitException($"claim of {claimant} at {position} waits");

    public static ClaimGrant ClaimNow(this TestRun run, int workerId, int position)
    {
        var answer = run.Claim(workerId, position);
        return answer.IsCompletedSuccessfully ? answer.Result : throw new XunitException($"claim of worker {workerId} at {position} waits");
    }
}
