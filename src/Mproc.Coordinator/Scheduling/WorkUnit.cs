namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// What the scheduler hands out whole: one test, or tests that must run together in one worker
/// (an <c>[MprocGroup]</c>, a Theory's cases, an NUnit 5 dependency chain). <see cref="Ordinals"/>
/// are ascending; <see cref="FixtureKey"/> identifies the fixture of the first test so batches can
/// keep a fixture together. <see cref="Exclusive"/> units (NUnit's <c>[NonParallelizable]</c>) run
/// while no other worker runs a test.
/// </summary>
public sealed record WorkUnit(IReadOnlyList<int> Ordinals, double ExpectedSeconds, int FixtureKey, string? Group, bool Exclusive = false)
{
    public int First => Ordinals[0];
}
