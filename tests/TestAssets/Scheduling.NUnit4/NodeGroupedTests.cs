using Mproc.Plugin;
using NUnit.Framework;

namespace Scheduling.Grouped
{
    /// <summary>One member of "cache" far from the others: other tests lie between them in the run.</summary>
    public class CacheWarmingTests : LoggedTests
    {
        [Test] public void Independent() => Work(40);

        [Test, MprocGroup("cache", Scope = MprocGroupScope.Node)] public void Warms() => WorkBeside(100);
    }
}

namespace Scheduling.NodeGrouped
{
    /// <summary>
    /// The "cache" group: tests that share something of the machine's own and may use it side by
    /// side, so they stay on one machine but spread over its workers; at priority 30, so after the
    /// other tests of their suites.
    /// </summary>
    [MprocGroup("cache", Scope = MprocGroupScope.Node, Priority = 30)]
    public class CacheWriterTests : LoggedTests
    {
        [Test] public void Fills() => WorkBeside(100);
        [Test] public void Evicts() => WorkBeside(100);
        [Test] public void Expires() => WorkBeside(100);
    }

    [MprocGroup("cache", Scope = MprocGroupScope.Node)]
    public class CacheReaderTests : LoggedTests
    {
        [Test] public void Hits() => WorkBeside(100);
        [Test] public void Misses() => WorkBeside(100);
        [Test] public void Refreshes() => WorkBeside(100);
    }

    public class LocalTests : LoggedTests
    {
        [Test] public void One() => Work(40);
        [Test] public void Two() => Work(40);
        [Test] public void Three() => Work(40);
    }
}
