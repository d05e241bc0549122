using Mproc.Protocol.Messages;

namespace Mproc.Coordinator.Fixtures;

/// <summary>One global fixture of the run: its SetUp's outcome (shared by every request) and what TearDown needs.</summary>
internal sealed class FixtureEntry
{
    public FixtureEntry(string assemblyQualifiedName, string assemblyPath)
    {
        AssemblyQualifiedName = assemblyQualifiedName;
        AssemblyPath = assemblyPath;
        var comma = assemblyQualifiedName.IndexOf(',', StringComparison.Ordinal);
        Name = comma > 0 && !assemblyQualifiedName.Contains('[', StringComparison.Ordinal) ? assemblyQualifiedName[..comma] : assemblyQualifiedName;
    }

    public string AssemblyQualifiedName { get; }

    public string AssemblyPath { get; }

    /// <summary>The type's full name once loaded; until then, what the request said.</summary>
    public string Name { get; set; }

    /// <summary>Set once SetUp returned: TearDown runs for exactly these entries.</summary>
    public LoadedFixture? Fixture { get; set; }

    /// <summary>The original value SetUp returned (TearDown gets it, not a copy).</summary>
    public object? Value { get; set; }

    public TaskCompletionSource<GlobalFixtureValue> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
