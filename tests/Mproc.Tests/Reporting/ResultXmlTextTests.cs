using Mproc.Coordinator.Reporting;
using Xunit;

namespace Mproc.Tests.Reporting;

/// <summary>NUnit's own escaping (TNode, XmlExtensions.EscapeInvalidXmlCharacters) per major version.</summary>
public class ResultXmlTextTests
{
    [Theory]
    [InlineData("3.14.0.0", "del \u007f", "del \\u007f")]
    [InlineData("4.4.0.0", "del \u007f", "del \u007f")]
    [InlineData("5.0.0.0", "del \u007f", "del \u007f")]
    [InlineData("4.4.0.0", "del \u007f\t", "del \\u007f\t")]
    [InlineData("4.4.0.0", "c1 \u0080\u0084\u0085\u0086\u009f\u00a0", "c1 \\u0080\\u0084\u0085\\u0086\\u009f\u00a0")]
    [InlineData("3.14.0.0", "nul \0 bell \a ff \f", "nul \\u0000 bell \\u0007 ff \\u000c")]
    [InlineData("4.4.0.0", "pair \ud83d\ude00 ok", "pair \ud83d\ude00 ok")]
    [InlineData("5.0.0.0", "\ufffe\uffff\ufffd", "\\ufffe\\uffff\ufffd")]
    [InlineData("not a version", "del \u007f", "del \u007f")]
    public void Escape_ForFrameworkVersion_IsWhatThatNUnitWrites(string frameworkVersion, string text, string expected)
    {
        Assert.Equal(expected, ResultXmlText.For(frameworkVersion).Escape(text));
    }

    // Lone surrogates cannot be attribute arguments (stored as UTF-8), and xunit would replace them at discovery.
    public static TheoryData<string, string, string> LoneSurrogates => new()
    {
        { "4.4.0.0", "\udc00\ud800 reversed", "\\udc00\\ud800 reversed" },
        { "3.14.0.0", "end \ud800", "end \\ud800" },
        { "5.0.0.0", "\udfff", "\\udfff" },
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates), DisableDiscoveryEnumeration = true)]
    public void Escape_OfLoneSurrogate_IsItsCodeAsText(string frameworkVersion, string text, string expected)
    {
        Assert.Equal(expected, ResultXmlText.For(frameworkVersion).Escape(text));
    }

    [Fact]
    public void Escape_ForTheEngine_OnlyKeepsTheDocumentWellFormed()
    {
        Assert.Equal("del \u007f c1 \u0080 lone \\ud800", ResultXmlText.Engine.Escape("del \u007f c1 \u0080 lone \ud800"));
    }
}
