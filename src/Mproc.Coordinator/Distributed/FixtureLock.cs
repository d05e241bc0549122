namespace Mproc.Coordinator.Distributed;

/// <summary>The lock a node holds on a build-scoped global fixture it set up: only this lease may store its value, renew it or end it.</summary>
public readonly record struct FixtureLock(string Fixture, long LeaseId);

/// <summary>What the build answered a node asking for a build-scoped global fixture.</summary>
public abstract record FixtureLockAnswer
{
    private FixtureLockAnswer()
    {
    }

    /// <summary>Its holder stored what SetUp gave.</summary>
    public sealed record Stored(FixtureRecord Record) : FixtureLockAnswer;

    /// <summary><paramref name="Holder"/> is setting it up; its lock lasts <paramref name="LockLeft"/> more unless renewed.</summary>
    public sealed record Wait(string Holder, TimeSpan LockLeft) : FixtureLockAnswer;

    /// <summary>This node holds the lock now and sets it up; <paramref name="Lost"/> names the node whose lock expired first, if one did.</summary>
    public sealed record Taken(FixtureLock Lock, string? Lost) : FixtureLockAnswer;
}

/// <summary>What a renewal found: the units and fixtures whose lease the node no longer holds.</summary>
public sealed record Renewal(IReadOnlyList<int> Units, IReadOnlyList<string> Fixtures);
