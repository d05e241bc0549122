using Mproc.Protocol.Bridging;
using Mproc.Protocol.Messages;
using Mproc.Worker.Session;

namespace Mproc.Tests.Worker.Session;

/// <summary>
/// One worker of a scripted run: the coordinator's grants are a fixed partition of the ordinals
/// (a first block of <c>firstBlock</c> tests, then blocks of <c>blockSize</c>; block b is worker
/// b % workers'), revealed as the real coordinator does, only when the worker claims: a claim tells
/// it who has every block up to the one claimed, and that the queue is empty once that is the last.
/// Claims follow the worker session's own rules (<see cref="Ownership"/>).
/// </summary>
internal sealed class PartitionedHost : ITestSessionHost
{
    private readonly Ownership _ownership;
    private readonly int _testCount;
    private readonly int _firstBlock;
    private readonly int _blockSize;
    private readonly int _workers;
    private readonly int _worker;

    public PartitionedHost(int testCount, int firstBlock, int blockSize, int workers, int worker)
    {
        _ownership = new Ownership(testCount);
        _testCount = testCount;
        _firstBlock = firstBlock;
        _blockSize = blockSize;
        _workers = workers;
        _worker = worker;
    }

    public Dictionary<int, TestOutcome> Reported { get; } = [];

    public List<int> Duplicates { get; } = [];

    public bool ShouldRunTest(int ordinal)
    {
        if (!_ownership.IsKnown(ordinal))
        {
            Claim(ordinal);
        }

        return _ownership.IsMine(ordinal);
    }

    public bool ShouldRunSuite(int firstOrdinal, int lastOrdinal)
    {
        while (!_ownership.AnyMine(firstOrdinal, lastOrdinal))
        {
            var unknown = _ownership.FirstUnknown(firstOrdinal, lastOrdinal);
            if (unknown < 0)
            {
                return false;
            }

            Claim(unknown);
        }

        return true;
    }

    public void TestStarted(int ordinal)
    {
    }

    public void SuiteStarted(int nodeIndex)
    {
    }

    public void TestFinished(int ordinal, TestOutcome outcome)
    {
        if (!Reported.TryAdd(ordinal, outcome))
        {
            Duplicates.Add(ordinal);
        }
    }

    /// <summary>Only NUnit 5 dependent fixtures leave tests without a result, and these suites have none: such a report is wrong, counted with the duplicates.</summary>
    public void TestUnreported(int ordinal) => Duplicates.Add(ordinal);

    public void SuiteFinished(int nodeIndex, TestOutcome outcome)
    {
    }

    private int BlockOf(int ordinal) =>
        _firstBlock > 0 && ordinal < _firstBlock ? 0 : (_firstBlock > 0 ? 1 : 0) + ((ordinal - _firstBlock) / _blockSize);

    private (int Start, int Count) Range(int block)
    {
        var start = _firstBlock > 0 ? (block == 0 ? 0 : _firstBlock + ((block - 1) * _blockSize)) : block * _blockSize;
        var count = _firstBlock > 0 && block == 0 ? _firstBlock : _blockSize;
        return (start, Math.Min(count, _testCount - start));
    }

    private void Claim(int position)
    {
        var claimed = BlockOf(position);
        List<int> mine = [];
        List<int> taken = [];
        for (var block = 0; block <= claimed; block++)
        {
            var (start, count) = Range(block);
            (block % _workers == _worker ? mine : taken).AddRange([start, count]);
        }

        _ownership.Apply(mine, taken, queueEmpty: BlockOf(_testCount - 1) == claimed);
    }
}
