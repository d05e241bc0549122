using Mproc.Plugin;
using NUnit.Framework;

namespace GroupConflict.Scopes;

[MprocGroup("cache", Scope = MprocGroupScope.Node)]
public class CacheTests
{
    [Test] public void Fills() => Assert.Pass();
}

public class CacheReaderTests
{
    // The same group without a scope: Worker, unlike the other declaration.
    [Test, MprocGroup("cache")] public void Reads() => Assert.Pass();
}
