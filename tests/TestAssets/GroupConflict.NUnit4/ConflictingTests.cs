using Mproc.Plugin;
using NUnit.Framework;

namespace GroupConflict;

[MprocGroup("db")]
public class ConflictingTests
{
    [Test] public void InDbOnly() => Assert.Pass();

    [Test, MprocGroup("files")] public void InDbAndFiles() => Assert.Pass();
}
