namespace Mproc.GlobalFixtures;

/// <summary>The wording of every global fixture error, so each mode reports the same text.</summary>
internal static class FixtureErrors
{
    public static string NotMarked(Type fixtureType) =>
        $"{fixtureType.FullName} is not a global fixture: mark it [GlobalFixture]";

    public static string SetUpFailed(Type fixtureType, Exception exception) =>
        $"global fixture {fixtureType.FullName}: SetUp threw {exception.GetType().Name}: {exception.Message}";

    public static string Cycle(IEnumerable<Type> path) =>
        $"global fixture cycle: {string.Join(" -> ", path.Select(t => t.FullName))}";
}
