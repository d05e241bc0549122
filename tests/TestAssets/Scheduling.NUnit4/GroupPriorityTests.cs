using Mproc.Plugin;
using NUnit.Framework;

namespace Scheduling.GroupPriority;

/// <summary>
/// By name these run first; the "queue" group (priority 1) has members in two fixtures that come
/// last by name, and the "late" group (priority 20) one that comes second.
/// </summary>
public class AFirstByNameTests : LoggedTests
{
    [Test] public void One() => Work(20);
    [Test] public void Two() => Work(20);
}

[MprocGroup("late", Priority = 20)]
public class BLateGroupTests : LoggedTests
{
    [Test] public void One() => Work(20);
}

[MprocGroup("queue", Priority = 1)]
public class YQueueWriterTests : LoggedTests
{
    [Test] public void Writes() => Work(20);
}

public class ZQueueReaderTests : LoggedTests
{
    [Test] public void Independent() => Work(20);

    // In the queue group, whose priority it takes in place of its own.
    [Test, MprocGroup("queue"), MprocPriority(30)] public void Reads() => Work(20);
}
