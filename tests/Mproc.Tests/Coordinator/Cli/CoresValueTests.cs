using System.Globalization;
using Mproc.Coordinator.Cli;
using Xunit;

namespace Mproc.Tests.Coordinator.Cli;

public sealed class CoresValueTests
{
    [Theory]
    [InlineData("1", 4, 1)]
    [InlineData("3", 4, 3)]
    [InlineData("64", 2, 64)]
    [InlineData("auto", 4, 4)]
    [InlineData("auto", 0, 1)]
    [InlineData("auto*2", 4, 8)]
    [InlineData("auto/2", 4, 2)]
    [InlineData("auto*1.5", 3, 5)]
    [InlineData("auto*0.5", 3, 2)]
    [InlineData("auto/3", 4, 1)]
    [InlineData("auto/1.5", 4, 3)]
    [InlineData("auto/8", 2, 1)]
    [InlineData("auto*0.1", 2, 1)]
    [InlineData("auto*5000", 2, 10_000)]
    public void TryParse_ValidForm_GivesWorkerCount(string text, int processors, int expected)
    {
        Assert.True(CoresValue.TryParse(text, processors, out var workers, out var error));
        Assert.Equal(expected, workers);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("AUTO", 6)]
    [InlineData("Auto", 6)]
    [InlineData("  auto  ", 6)]
    [InlineData("\tauto\n", 6)]
    [InlineData("AUTO*1", 6)]
    [InlineData(" Auto/1 ", 6)]
    [InlineData(" 6 ", 6)]
    public void TryParse_CaseAndSurroundingWhitespace_AreIgnored(string text, int expected)
    {
        Assert.True(CoresValue.TryParse(text, 6, out var workers, out _));
        Assert.Equal(expected, workers);
    }

    [Fact]
    public void TryParse_UnderGermanCulture_ReadsDecimalPointInvariantly()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            Assert.True(CoresValue.TryParse("auto*1.5", 4, out var workers, out _));
            Assert.Equal(6, workers);
            Assert.False(CoresValue.TryParse("auto*1,5", 4, out _, out _));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+2")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("auto*")]
    [InlineData("auto/")]
    [InlineData("auto*0")]
    [InlineData("auto/0")]
    [InlineData("auto*0.0")]
    [InlineData("auto*-2")]
    [InlineData("auto/-2")]
    [InlineData("2.5")]
    [InlineData("auto**2")]
    [InlineData("auto*/2")]
    [InlineData("autox2")]
    [InlineData("auto2")]
    [InlineData("auto*2x")]
    [InlineData("auto*1e3")]
    [InlineData("1e3")]
    [InlineData("auto*NaN")]
    [InlineData("auto*Infinity")]
    [InlineData("auto*10001")]
    [InlineData("auto*1000000000000")]
    [InlineData("99999999999")]
    [InlineData("10001")]
    [InlineData("two")]
    [InlineData("max")]
    public void TryParse_InvalidForm_FailsListingTheValidForms(string text)
    {
        Assert.False(CoresValue.TryParse(text, 1, out var workers, out var error));
        Assert.Equal(0, workers);
        Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
        Assert.Contains(CoresValue.ValidForms, error, StringComparison.Ordinal);
        Assert.Contains("auto*K", error, StringComparison.Ordinal);
        Assert.Contains("auto/K", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Null_Fails()
    {
        Assert.False(CoresValue.TryParse(null, 4, out _, out var error));
        Assert.Contains(CoresValue.ValidForms, error, StringComparison.Ordinal);
    }
}
