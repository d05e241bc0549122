using Mproc.Protocol.Messages;
using Xunit;

namespace Mproc.Tests.Protocol;

public sealed class ExpectedDurationsTests
{
    [Theory]
    [InlineData("", 14695981039346656037UL)]
    [InlineData("a", 0x089BE207B544F1E4UL)]
    public void KeyOf_IsFnv1aOverUtf16CodeUnits(string name, ulong expected)
    {
        // Coordinator and workers must agree on this forever within a release: pinned.
        Assert.Equal(expected, ExpectedDurations.KeyOf(name));
    }

    [Fact]
    public void KeyOf_TellsApartNamesThatDifferInOneArgument()
    {
        var keys = Enumerable.Range(0, 10_000).Select(i => ExpectedDurations.KeyOf($"Ns.Fixture.Test({i})")).ToHashSet();

        Assert.Equal(10_000, keys.Count);
        Assert.NotEqual(ExpectedDurations.KeyOf("Ns.T(\"ü\")"), ExpectedDurations.KeyOf("Ns.T(\"u\")"));
    }

    [Fact]
    public void Of_LooksUpByFullName_LaterWins_AndMeansTheKnownDurations()
    {
        var durations = ExpectedDurations.Of([("A.one", 1.0), ("A.two", 9.0), ("A.two", 3.0)]);

        Assert.True(durations.TryGet("A.two", out var two));
        Assert.Equal(3.0, two);
        Assert.False(durations.TryGet("A.three", out _));
        Assert.Equal(2, durations.Count);
        Assert.Equal(2.0, durations.Mean);
        Assert.Equal(0, ExpectedDurations.None.Mean);
    }

    [Fact]
    public void Builder_OfManyKeys_FindsEveryOne_AndKeepsTheOrderOfFirstAdding()
    {
        var builder = new ExpectedDurations.Builder(2);
        for (ulong key = 0; key < 20_000; key++)
        {
            builder.Add(Spread(key), key);
        }

        builder.Add(Spread(5), -1);
        var durations = builder.Build();

        Assert.Equal(20_000, durations.Count);
        for (ulong key = 0; key < 20_000; key++)
        {
            Assert.True(durations.TryGet(Spread(key), out var seconds));
            Assert.Equal(key == 5 ? -1 : key, seconds);
        }

        Assert.False(durations.TryGet(3UL, out _));
        Assert.Equal(0UL, durations.KeysInOrder[0]);
        Assert.Equal(Spread(5), durations.KeysInOrder[5]);
        Assert.Equal(-1, durations.SecondsInOrder[5]);
        Assert.Equal(19_999, durations.SecondsInOrder[^1]);
    }

    private static ulong Spread(ulong key) => unchecked(key * 0x9E3779B97F4A7C15UL);

    [Fact]
    public void Builder_AfterBuild_TakesNoMore()
    {
        var builder = new ExpectedDurations.Builder(0);
        builder.Add("A.one", 1);
        var durations = builder.Build();

        Assert.Throws<ObjectDisposedException>(() => builder.Add("A.two", 2));
        Assert.Equal(1, durations.Count);
    }

    [Fact]
    public void None_FindsNothing()
    {
        Assert.Equal(0, ExpectedDurations.None.Count);
        Assert.False(ExpectedDurations.None.TryGet("A.one", out _));
        Assert.Empty(ExpectedDurations.None.KeysInOrder);
    }
}
