using Mproc.Coordinator.Input;
using Mproc.Coordinator.Scheduling;
using Mproc.Tests.Infrastructure;
using Xunit;

namespace Mproc.Tests.Coordinator.Scheduling;

public sealed class LastFailedFileTests
{
    [Fact]
    public void Update_DropsWhatRanAndPassed_KeepsWhatDidNotRun_AddsNewFailures()
    {
        var updated = LastFailedFile.Update(["A", "B", "C"], new HashSet<string> { "A", "B", "D", "E" }, ["B", "E"]);

        Assert.Equal(["C", "B", "E"], updated);
    }

    [Fact]
    public void SaveThenLoad_RoundTrips_OwnerOnly_BesideTheTimingsFile()
    {
        var folder = TestTemp.CreateDirectory("lastfailed-").FullName;
        var path = LastFailedFile.PathBeside(Path.Combine(folder, "timings.json"));

        LastFailedFile.Save(path, ["Ns.F.T(\"ü\")", "Ns.F.U"]);
        var (failed, warning) = LastFailedFile.Load(path);

        Assert.Equal(Path.Combine(folder, "lastfailed.json"), path);
        Assert.Null(warning);
        Assert.Equal(["Ns.F.T(\"ü\")", "Ns.F.U"], failed);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public void Load_OfAFileThatIsNotOurs_IsAWarningAndNoFailures()
    {
        var path = Path.Combine(TestTemp.CreateDirectory("lastfailed-").FullName, "lastfailed.json");
        File.WriteAllText(path, "{ \"name\": \"something else\" }");

        var (failed, warning) = LastFailedFile.Load(path);

        Assert.Empty(failed);
        Assert.Contains("left as it is", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTests_NarrowsTheWhereFilter_ToTheNamedTests()
    {
        Assert.Equal("<filter><or><test>A.B</test><test>A.C(\"&lt;x&gt;\")</test></or></filter>", WhereFilter.OnlyTests(string.Empty, ["A.B", "A.C(\"<x>\")"]));
        Assert.Equal("<filter><and><cat>Fast</cat><or><test>A.B</test></or></and></filter>", WhereFilter.OnlyTests("<filter><cat>Fast</cat></filter>", ["A.B"]));
    }
}
