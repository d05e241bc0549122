using Mproc.Plugin;
using NUnit.Framework;

namespace Scheduling.Prioritized;

public class AAlphabeticallyFirstTests : LoggedTests
{
    [Test] public void One() => Work(20);
    [Test] public void Two() => Work(20);
}

[MprocPriority(20)]
public class BLateTests : LoggedTests
{
    [Test] public void One() => Work(20);
}

[MprocPriority(1)]
public class ZUrgentTests : LoggedTests
{
    [Test] public void One() => Work(20);
    [Test] public void Two() => Work(20);
}

public class MixedTests : LoggedTests
{
    [Test] public void Ordinary() => Work(20);
    [Test, MprocPriority(2)] public void Important() => Work(20);
}
