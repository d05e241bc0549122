using Mproc.Coordinator.Reporting;
using Xunit;

namespace Mproc.Tests.Reporting;

public sealed class CiOutputTests
{
    [Fact]
    public void SiteOf_TheFirstFrameInTheRepository_RelativeWithSlashes()
    {
        const string trace = """
               at NUnit.Framework.Assert.That[T](T actual) in /_/src/NUnitFramework/framework/Assert.cs:line 101
               at Shop.Tests.CartTests.Totals() in /repo/tests/Shop.Tests/CartTests.cs:line 42
               at Shop.Tests.Helpers.Check() in /repo/tests/Shop.Tests/Helpers.cs:line 7
            """;

        Assert.Equal(("tests/Shop.Tests/CartTests.cs", 42), CiOutput.SiteOf(trace, "/repo"));
        Assert.Equal(("tests/Shop.Tests/CartTests.cs", 42), CiOutput.SiteOf(trace, "/repo/"));
        Assert.Null(CiOutput.SiteOf(trace, "/elsewhere"));
        Assert.Null(CiOutput.SiteOf("   at A.B() in /repo-other/x.cs:line 3", "/repo"));
        Assert.Null(CiOutput.SiteOf(null, "/repo"));
    }

    [Fact]
    public void GitHubAnnotation_EscapesDataAndProperties_AsTheToolkitDoes()
    {
        var line = CiOutput.GitHubAnnotation(false, "Ns.T(\"a,b:c\")", "100% wrong\nsecond line", ("src/x.cs", 9));

        Assert.Equal("::error file=src/x.cs,line=9,title=Ns.T(\"a%2Cb%3Ac\")::100%25 wrong%0Asecond line", line);
        Assert.Equal("::warning title=Ns.T::careful", CiOutput.GitHubAnnotation(true, "Ns.T", "careful", null));
    }

    [Fact]
    public void AzureIssue_EscapesAsTheAgentReadsIt()
    {
        var line = CiOutput.AzureIssue(false, "Ns.T", "50% [x];\ny", ("src/a;b.cs", 3));

        Assert.Equal("##vso[task.logissue type=error;sourcepath=src/a%3Bb.cs;linenumber=3;]Ns.T: 50%AZP25 [x%5D;%0Ay", line);
    }
}
