using Mproc.Coordinator.Scheduling;
using Mproc.Worker.Session;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

/// <summary>
/// A worker walking the tests in order, claiming where it knows nothing, as WorkerSession does; a
/// claim the scheduler holds back leaves it waiting until <see cref="Answered"/>.
/// </summary>
internal sealed class SharedWalker(int claimant, int testCount)
{
    private readonly Ownership _ownership = new(testCount);
    private int _position;

    public int Claimant => claimant;

    public bool Waiting { get; private set; }

    public bool Finished => _position >= testCount;

    /// <summary>The tests it ran, in order.</summary>
    public List<int> Ran { get; } = [];

    public void Step(Scheduler scheduler)
    {
        if (!_ownership.IsKnown(_position))
        {
            var grant = scheduler.Claim(claimant, _position);
            if (grant is null)
            {
                Waiting = true;
                return;
            }

            Answered(grant);
        }

        if (_ownership.IsMine(_position))
        {
            Ran.Add(_position);
            scheduler.Finished(_position);
        }

        _position++;
    }

    public void Answered(Grant grant)
    {
        Waiting = false;
        _ownership.Apply(grant.Mine, grant.Taken, grant.QueueEmpty);
        Assert.True(_ownership.IsKnown(_position), $"claimant {claimant}: the answer at {_position} left it undecided");
    }
}
