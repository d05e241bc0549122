using Mproc.Plugin;
using NUnit.Framework;

namespace Scheduling.Grouped;

[MprocGroup("db")]
public class OrderRepositoryTests : LoggedTests
{
    [Test] public void Saves() => Work(40);
    [Test] public void Loads() => Work(40);
    [Test] public void Deletes() => Work(40);
    [TestCase(1)] [TestCase(2)] public void Queries(int n) => Work(40);
}

[MprocGroup("db")]
public class CustomerRepositoryTests : LoggedTests
{
    [Test] public void Saves() => Work(40);
    [Test] public void Loads() => Work(40);
}

public class FileTestsA : LoggedTests
{
    [Test, MprocGroup("files")] public void WritesTheSharedFile() => Work(40);
    [Test] public void Independent1() => Work(40);
    [Test] public void Independent2() => Work(40);
}

public class FileTestsB : LoggedTests
{
    [Test, MprocGroup("files")] public void ReadsTheSharedFile() => Work(40);
    [Test] public void Independent1() => Work(40);
    [Test] public void Independent2() => Work(40);
}
