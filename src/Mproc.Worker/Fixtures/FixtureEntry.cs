using Mproc.Protocol.Messages;

namespace Mproc.Worker.Fixtures;

/// <summary>One global fixture of the run: its SetUp's outcome (shared by every request) and what TearDown needs.</summary>
internal sealed class FixtureEntry
{
    public FixtureEntry(Type type)
    {
        Type = type;
        Name = type.FullName ?? type.Name;
    }

    /// <summary>The fixture class, in the fixture host's load context of the first test assembly that asked.</summary>
    public Type Type { get; }

    public string Name { get; }

    /// <summary>Set once SetUp returned: TearDown runs for exactly these entries.</summary>
    public LoadedFixture? Fixture { get; set; }

    /// <summary>The original value SetUp returned (TearDown gets it, not a copy).</summary>
    public object? Value { get; set; }

    public TaskCompletionSource<GlobalFixtureValue> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
