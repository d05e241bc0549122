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
}
