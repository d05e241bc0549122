using Mproc.GlobalFixtures;

namespace GlobalFixtureSuite;

public sealed record DatabaseInfo(string ConnectionString, Guid Token, int SetUpProcessId);

public sealed record CacheInfo(string Name, Guid DatabaseToken);

/// <summary>A handle that System.Text.Json cannot serialize (a delegate).</summary>
public sealed class ProcessHandle
{
    public int Id { get; set; }

    public Action? OnExit { get; set; }
}

/// <summary>The shared resource: slow to start, so concurrent first requests overlap.</summary>
[GlobalFixture]
public sealed class Database : IGlobalFixture<DatabaseInfo>
{
    public DatabaseInfo SetUp()
    {
        FixtureLog.SetUp(nameof(Database));
        Thread.Sleep(300);
        var token = Guid.NewGuid();
        return new DatabaseInfo($"Host=localhost;Database=test_{token:N}", token, Environment.ProcessId);
    }

    public void TearDown(DatabaseInfo value) => FixtureLog.TearDown(nameof(Database), value.Token.ToString("N"));
}

/// <summary>Uses another global fixture in its SetUp.</summary>
[GlobalFixture]
public sealed class Cache : IGlobalFixture<CacheInfo>
{
    public CacheInfo SetUp()
    {
        FixtureLog.SetUp(nameof(Cache));
        var database = GlobalFixture.Get<Database, DatabaseInfo>();
        return new CacheInfo("cache-" + database.Token.ToString("N"), database.Token);
    }

    public void TearDown(CacheInfo value) => FixtureLog.TearDown(nameof(Cache), value.DatabaseToken.ToString("N"));
}

[GlobalFixture]
public sealed class Broken : IGlobalFixture<int>
{
    public const string Message = "the broken fixture cannot start";

    public int SetUp()
    {
        FixtureLog.SetUp(nameof(Broken));
        throw new InvalidOperationException(Message);
    }

    public void TearDown(int value) => FixtureLog.TearDown(nameof(Broken), value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

[GlobalFixture]
public sealed class Unserializable : IGlobalFixture<ProcessHandle>
{
    public ProcessHandle SetUp()
    {
        FixtureLog.SetUp(nameof(Unserializable));
        return new ProcessHandle { Id = 42, OnExit = () => { } };
    }

    public void TearDown(ProcessHandle value) => FixtureLog.TearDown(nameof(Unserializable), value.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

[GlobalFixture]
public sealed class CycleA : IGlobalFixture<string>
{
    public string SetUp() => "a" + GlobalFixture.Get<CycleB, string>();

    public void TearDown(string value)
    {
    }
}

[GlobalFixture]
public sealed class CycleB : IGlobalFixture<string>
{
    public string SetUp() => "b" + GlobalFixture.Get<CycleA, string>();

    public void TearDown(string value)
    {
    }
}

/// <summary>Implements the interface but is not marked [GlobalFixture].</summary>
public sealed class Unmarked : IGlobalFixture<int>
{
    public int SetUp() => 1;

    public void TearDown(int value)
    {
    }
}
