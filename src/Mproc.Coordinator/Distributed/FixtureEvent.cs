using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Distributed;

/// <summary>What a build-scoped global fixture's SetUp gave, as its holder stored it: the fixture host's JSON as is, or the error every test that asks fails with.</summary>
public sealed record FixtureRecord(string Node, string? Json, string? Error)
{
    public GlobalFixtureValue ToValue() => new(Json, Error);
}

/// <summary>Whether an event is a fixture's SetUp or its TearDown.</summary>
public enum FixtureStage
{
    SetUp = 0,
    TearDown = 1,
}

/// <summary>
/// A global fixture set up or torn down on a node of a shared build, for the build's report.
/// <paramref name="Lost"/>: the node whose lock on it expired before this SetUp (it was set up again);
/// <paramref name="Problems"/>: the SetUp's error, or what went wrong in the TearDown.
/// </summary>
public sealed record FixtureEvent(string Fixture, string Node, GlobalFixtureScope Scope, FixtureStage Stage, string? Lost, IReadOnlyList<string> Problems)
{
    /// <summary>The report's words for it: "set up again on node b after node a was lost", "torn down on node a".</summary>
    public string Describe()
    {
        var where = Scope == GlobalFixtureScope.Node ? $"on node {Node} (node scope)" : $"on node {Node}";
        var again = Lost is null ? string.Empty : $" after node {Lost} was lost";
        return (Stage, Problems.Count) switch
        {
            (FixtureStage.SetUp, 0) => $"set up{(Lost is null ? string.Empty : " again")} {where}{again}",
            (FixtureStage.SetUp, _) => $"SetUp failed {where}{again}: {string.Join("; ", Problems)}",
            (_, 0) => $"torn down {where}",
            _ => $"torn down {where}: {string.Join("; ", Problems)}",
        };
    }
}
