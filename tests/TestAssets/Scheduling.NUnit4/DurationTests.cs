using NUnit.Framework;

namespace Scheduling.Durations;

/// <summary>NUnit runs these in name order; with timings, the long one goes first.</summary>
public class AShortTests : LoggedTests
{
    [Test] public void Quick1() => Work(5);
    [Test] public void Quick2() => Work(5);
}

public class BLongTests : LoggedTests
{
    [Test] public void Slow1() => Work(300);
    [Test] public void Slow2() => Work(300);
}
