using Mproc.Protocol.Bridging;
using Mproc.Protocol.Messages;
using Mproc.Tests.Infrastructure;
using Mproc.Worker.Loading;
using Xunit;

namespace Mproc.Tests.Worker.Loading;

/// <summary>A preload saves time only: it is used for the same file and seed, and otherwise changes nothing.</summary>
public sealed class PreloaderTests
{
    private static readonly SessionSettings Everything = new(string.Empty, 0, ExpectedDurations.None);

    private static List<string> TestNames(ITestSession session)
    {
        session.SelectTests(Everything, 0);
        return [.. session.Discovery.Nodes.Where(n => n.Ordinal >= 0).Select(n => n.FullName)];
    }

    [Fact]
    public void SameFileAndSeed_TakenTwice_GivesTwoSessionsWithTheSameTests()
    {
        var path = TestAssets.OutcomesFor(4);
        var preloader = Preloader.Start([path], 7);

        var first = preloader.Take(path, 7, []);
        var second = preloader.Take(path, 7, []);

        Assert.NotSame(first.Session, second.Session);
        Assert.Equal(TestNames(second.Session), TestNames(first.Session));
    }

    [Fact]
    public void AnotherSeed_LoadsAfresh_WithThatSeedsRandomArguments()
    {
        var path = TestAssets.OutcomesFor(4);
        var preloader = Preloader.Start([path], 7);

        var taken = TestNames(preloader.Take(path, 8, []).Session);

        Assert.Equal(TestNames(SessionFactory.Load(path, 8, []).Session), taken);
        Assert.NotEqual(TestNames(SessionFactory.Load(path, 7, []).Session), taken);
    }

    [Fact]
    public void AFileThatDoesNotLoad_FailsWhenTaken_NotBefore()
    {
        var path = Path.Combine(TestTemp.CreateDirectory("preload-").FullName, "Missing.dll");
        var preloader = Preloader.Start([path], 7);

        Assert.ThrowsAny<Exception>(() => preloader.Take(path, 7, []));
    }
}
