using Mproc.Worker.Session;
using Xunit;

namespace Mproc.Tests.Worker.Session;

public sealed class OwnershipTests
{
    [Fact]
    public void New_NothingKnown()
    {
        var ownership = new Ownership(5);

        Assert.All(Enumerable.Range(0, 5), o => Assert.False(ownership.IsKnown(o)));
        Assert.All(Enumerable.Range(0, 5), o => Assert.False(ownership.IsMine(o)));
        Assert.Equal(0, ownership.FirstUnknown(0, 4));
        Assert.False(ownership.AnyMine(0, 4));
        Assert.False(ownership.QueueEmpty);
    }

    [Fact]
    public void Apply_MineAndTakenRanges_MarksExactlyThoseTests()
    {
        var ownership = new Ownership(10);

        ownership.Apply([2, 3, 8, 1], [0, 2, 6, 1], queueEmpty: false);

        Assert.Equal([2, 3, 4, 8], Enumerable.Range(0, 10).Where(ownership.IsMine));
        Assert.Equal([0, 1, 2, 3, 4, 6, 8], Enumerable.Range(0, 10).Where(ownership.IsKnown));
        Assert.Equal(5, ownership.FirstUnknown(0, 9));
        Assert.Equal(7, ownership.FirstUnknown(6, 9));
        Assert.Equal(-1, ownership.FirstUnknown(0, 4));
    }

    [Fact]
    public void AnyMine_OnlyLooksInsideTheRange()
    {
        var ownership = new Ownership(10);
        ownership.Apply([4, 1], [0, 4], queueEmpty: false);

        Assert.True(ownership.AnyMine(4, 4));
        Assert.True(ownership.AnyMine(0, 9));
        Assert.False(ownership.AnyMine(0, 3));
        Assert.False(ownership.AnyMine(5, 9));
    }

    [Fact]
    public void Apply_QueueEmpty_MakesEveryUnknownTestKnownButNotMine()
    {
        var ownership = new Ownership(6);
        ownership.Apply([1, 1], [], queueEmpty: false);

        ownership.Apply([], [], queueEmpty: true);

        Assert.True(ownership.QueueEmpty);
        Assert.All(Enumerable.Range(0, 6), o => Assert.True(ownership.IsKnown(o)));
        Assert.Equal([1], Enumerable.Range(0, 6).Where(ownership.IsMine));
        Assert.Equal(-1, ownership.FirstUnknown(0, 5));
        Assert.True(ownership.AnyMine(0, 5));
    }

    [Fact]
    public void Apply_QueueEmptyOnceSet_StaysSet()
    {
        var ownership = new Ownership(3);
        ownership.Apply([], [], queueEmpty: true);

        ownership.Apply([0, 1], [], queueEmpty: false);

        Assert.True(ownership.QueueEmpty);
        Assert.True(ownership.IsMine(0));
    }

    [Fact]
    public void Apply_EmptyRanges_ChangesNothing()
    {
        var ownership = new Ownership(3);

        ownership.Apply([1, 0], [2, 0], queueEmpty: false);

        Assert.Equal(0, ownership.FirstUnknown(0, 2));
        Assert.False(ownership.IsKnown(1));
        Assert.False(ownership.IsKnown(2));
    }

    [Theory]
    [InlineData(8, 3)]
    [InlineData(10, 1)]
    [InlineData(-1, 2)]
    [InlineData(0, -1)]
    [InlineData(0, 11)]
    public void Apply_MineRangeOutsideTheRun_ThrowsInvalidData(int start, int count)
    {
        var ownership = new Ownership(10);

        Assert.Throws<InvalidDataException>(() => ownership.Apply([start, count], [], queueEmpty: false));
    }

    [Fact]
    public void Apply_TakenRangeOutsideTheRun_ThrowsInvalidData()
    {
        var ownership = new Ownership(10);

        Assert.Throws<InvalidDataException>(() => ownership.Apply([], [9, 2], queueEmpty: false));
    }

    [Fact]
    public void Apply_RangeEndingAtTheLastTest_IsAccepted()
    {
        var ownership = new Ownership(10);

        ownership.Apply([7, 3], [0, 7], queueEmpty: false);

        Assert.True(ownership.IsMine(9));
        Assert.Equal(-1, ownership.FirstUnknown(0, 9));
    }
}
