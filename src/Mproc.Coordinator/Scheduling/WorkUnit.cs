namespace Mproc.Coordinator.Scheduling;

/// <summary>
/// What the scheduler hands out whole: one test, or every test of an <c>[MprocGroup]</c>.
/// <see cref="Ordinals"/> are ascending; <see cref="FixtureKey"/> identifies the fixture of the
/// first test so batches can keep a fixture together.
/// </summary>
public sealed record WorkUnit(IReadOnlyList<int> Ordinals, double ExpectedSeconds, int FixtureKey, string? Group)
{
    public int First => Ordinals[0];
}
