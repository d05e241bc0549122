using Mproc.Coordinator.Scheduling;
using Mproc.Worker.Session;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

/// <summary>
/// A worker as the scheduler sees it: walks ordinals 0..n-1 in order, keeps the worker's own
/// <see cref="Ownership"/>, claims at the first test it does not know about (as
/// WorkerSession.ShouldRunTest does) and runs the tests that are its own.
/// </summary>
internal sealed class SimulatedWorker
{
    private readonly SchedulerSimulation _simulation;
    private readonly Ownership _ownership;

    public SimulatedWorker(SchedulerSimulation simulation, int claimant)
    {
        _simulation = simulation;
        Claimant = claimant;
        _ownership = new Ownership(simulation.Scheduler.TestCount);
    }

    public int Claimant { get; }

    public int Position { get; private set; }

    public bool Finished => Position >= _simulation.Scheduler.TestCount;

    public List<int> Ran { get; } = [];

    public HashSet<int> Granted { get; } = [];

    public int Claims { get; private set; }

    public void Step()
    {
        var position = Position;
        if (!_ownership.IsKnown(position))
        {
            var grant = _simulation.Claim(this, position);
            Claims++;
            _ownership.Apply(grant.Mine, grant.Taken, grant.QueueEmpty);
            Assert.True(_ownership.IsKnown(position), $"claimant {Claimant}: the grant at {position} left it undecided");
            foreach (var ordinal in SchedulerSimulation.Expand(grant.Mine))
            {
                Granted.Add(ordinal);
            }
        }

        if (_ownership.IsMine(position))
        {
            Ran.Add(position);
        }

        Position++;
    }
}
