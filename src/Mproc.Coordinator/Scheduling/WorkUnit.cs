namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// What the scheduler hands out whole: one test, or tests that must run together in one worker
/// (an <c>[MprocGroup]</c>, a Theory's cases, an NUnit 5 dependency chain). <see cref="Ordinals"/>
/// are ascending; <see cref="FixtureKey"/> identifies the fixture of the first test so batches can
/// keep a fixture together. <see cref="Exclusive"/> units (NUnit's <c>[NonParallelizable]</c>) run
/// while no other worker runs a test.
/// <para>
/// A unit with <see cref="Parts"/> (a group with <c>Scope = Node</c>) is whole only on the machine
/// level: a build shared by several machines leases it to one machine, whose scheduler hands out its
/// parts, each whole, to any of its workers.
/// </para>
/// </summary>
public sealed record WorkUnit(IReadOnlyList<int> Ordinals, double ExpectedSeconds, int FixtureKey, string? Group, bool Exclusive = false)
{
    public int First => Ordinals[0];

    /// <summary>Units that together hold exactly <see cref="Ordinals"/>, each handed to one worker; null when the unit goes to one worker whole.</summary>
    public IReadOnlyList<WorkUnit>? Parts { get; init; }
}
