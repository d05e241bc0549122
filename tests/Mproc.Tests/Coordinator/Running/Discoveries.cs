using Mproc.Protocol.Messages;

namespace Mproc.Tests.Coordinator.Running;

/// <summary>Hand-made discoveries: an assembly suite, fixtures under it, tests under each fixture.</summary>
internal static class Discoveries
{
    public static TestOutcome Outcome(string status, string site = "Test", string label = "") =>
        new(status, label, site, null, null, null, 0, 0, 0, 0);

    /// <summary>
    /// One assembly; <paramref name="fixtures"/> is "Fixture:TestA,TestB" entries. Test ordinals start
    /// at <paramref name="firstOrdinal"/> and follow node order.
    /// </summary>
    public static AssemblyDiscovery Assembly(string path, int firstOrdinal, params string[] fixtures)
    {
        var name = Path.GetFileName(path);
        var nodes = new List<TestNode> { Node(-1, -1, "Assembly", name, path) };
        var ordinal = firstOrdinal;
        foreach (var fixture in fixtures)
        {
            var parts = fixture.Split(':');
            var fixtureIndex = nodes.Count;
            nodes.Add(Node(0, -1, "TestFixture", parts[0], "NS." + parts[0]));
            foreach (var test in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                nodes.Add(Node(fixtureIndex, ordinal++, "TestMethod", test, $"NS.{parts[0]}.{test}"));
            }
        }

        return new AssemblyDiscovery(path, "4.4.0", null, nodes);
    }

    public static AssemblyDiscovery WithNode(AssemblyDiscovery assembly, int index, TestNode node)
    {
        var nodes = assembly.Nodes.ToList();
        nodes[index] = node;
        return assembly with { Nodes = nodes };
    }

    public static TestNode Node(int parent, int ordinal, string type, string name, string fullName) =>
        new(parent, ordinal, "id-" + fullName, type, name, fullName, null, null, "Runnable", 0, []);
}
