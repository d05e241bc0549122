using Mproc.Protocol.Messages;
using Xunit;

namespace Mproc.Tests.Protocol;

public sealed class TextPiecesTests
{
    [Fact]
    public void Split_TextThatFits_IsOnePiece()
    {
        Assert.Equal(["abc"], TextPieces.Split("abc", 3));
        Assert.Equal([string.Empty], TextPieces.Split(string.Empty, 3));
    }

    [Fact]
    public void Split_LongText_PiecesOfAtMostTheLimit_InOrder()
    {
        var pieces = TextPieces.Split("abcdefghij", 4);

        Assert.Equal(["abcd", "efgh", "ij"], pieces);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Split_NeverBetweenTheHalvesOfASurrogatePair(int limit)
    {
        var text = "ab😀cd😀😀e";

        var pieces = TextPieces.Split(text, limit);

        Assert.Equal(text, string.Concat(pieces));
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, limit));
        Assert.All(pieces, p => Assert.False(char.IsHighSurrogate(p[^1]), $"'{p}' ends inside a pair"));
        Assert.All(pieces, p => Assert.False(char.IsLowSurrogate(p[0]), $"'{p}' starts inside a pair"));
    }
}
